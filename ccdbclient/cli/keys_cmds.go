package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/input"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/envelope"
)

const (
	flagSuite           = "suite"
	flagHDPath          = "hd-path"
	flagBIP39Passphrase = "bip39-passphrase"
	flagNoRegister      = "no-register"
)

var suites = map[string]envelope.Suite{"x25519": envelope.SuiteX25519, "mlkem768-x25519": envelope.SuiteMLKEM768X25519}

func newKeysCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Your encryption key: derive it from your mnemonic, keep it, register it",
	}
	cmd.AddCommand(newKeysInitCommand(opts), newKeysShowCommand(opts))
	return cmd
}

func newKeysInitCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init --from KEY",
		Short: "Derive your encryption key from your wallet mnemonic, store it and register it on chain",
		Long: `The keyring keeps only your signing key, so your encryption key is derived
once from the same mnemonic (read from standard input), checked to be the
mnemonic of --from (it must derive the same account address), and stored in
<home>/ccdb/keys/<address>.json (mode 0600). Unless the keyring backend is
"test", the file is encrypted with a passphrase you choose (asked twice; when
standard input is not a terminal, the two lines after the mnemonic). The
public key is then registered on chain. Restoring the mnemonic restores the
key: run this again on a new machine.`,
		Example: `  msecd ccdb keys init --from margaret < margaret-mnemonic.txt`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			suite, ok := suites[strings.ToLower(mustString(cmd, flagSuite))]
			if !ok {
				return fmt.Errorf("%w: --suite %q: x25519 or mlkem768-x25519", ccdbclient.ErrBadInput, mustString(cmd, flagSuite))
			}
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			if clientCtx.FromName == "" {
				return fmt.Errorf("%w: name your key with --from", ccdbclient.ErrBadInput)
			}
			in := bufio.NewReader(cmd.InOrStdin())
			mnemonic, err := input.GetString(fmt.Sprintf("Mnemonic of %s:", clientCtx.FromName), in)
			if err != nil {
				return fmt.Errorf("reading the mnemonic: %w", err)
			}
			key, err := ccdbclient.DeriveAccountKey(strings.Join(strings.Fields(mnemonic), " "), mustString(cmd, flagBIP39Passphrase),
				mustString(cmd, flagHDPath), suite, clientCtx.FromAddress)
			if err != nil {
				return err
			}
			passphrase, err := filePassphrase(cmd, clientCtx, in)
			if err != nil {
				return err
			}
			path := ccdbclient.KeyFilePath(clientCtx.HomeDir, clientCtx.FromAddress.String())
			if err := ccdbclient.SaveKey(path, clientCtx.FromAddress.String(), key, passphrase); err != nil {
				return err
			}
			fields := []field{{"address", clientCtx.FromAddress.String()}, {"encryption_key", key.Public()}, {"suite", key.Suite()},
				{"file", path}, {"file_encrypted", passphrase != ""}}
			if noRegister, _ := cmd.Flags().GetBool(flagNoRegister); !noRegister {
				s, err := newSession(cmd, opts, false)
				if err != nil {
					return err
				}
				s.client.Key = key
				registered, err := s.client.RegisterKey(cmd.Context())
				if err != nil {
					return fmt.Errorf("key stored in %s, but registering it failed: %w", path, err)
				}
				fields = append(fields, field{"registered", map[bool]string{true: "now", false: "already"}[registered]})
			}
			printFields(cmd.OutOrStdout(), fields...)
			return nil
		},
	}
	cmd.Flags().String(flagSuite, "x25519", "x25519, or mlkem768-x25519 (post-quantum hybrid)")
	cmd.Flags().String(flagHDPath, sdk.FullFundraiserPath, "BIP44 path of the signing key (to check the mnemonic)")
	cmd.Flags().String(flagBIP39Passphrase, "", "BIP39 passphrase, if the wallet uses one")
	cmd.Flags().Bool(flagNoRegister, false, "only store the key; do not register it on chain")
	addTxFlags(cmd)
	return cmd
}

// filePassphrase asks for the key file's passphrase, twice. With the test
// keyring backend (unencrypted signing keys) the file is not encrypted
// either: it would protect nothing the keyring does not already give away.
func filePassphrase(cmd *cobra.Command, clientCtx client.Context, in *bufio.Reader) (string, error) {
	if clientCtx.Keyring != nil && clientCtx.Keyring.Backend() == keyring.BackendTest {
		fmt.Fprintln(cmd.ErrOrStderr(), "keyring backend is \"test\": the encryption key file is not encrypted either")
		return "", nil
	}
	pass, err := input.GetPassword("Passphrase to protect the encryption key file:", in)
	if err != nil {
		return "", err
	}
	again, err := input.GetPassword("Repeat the passphrase:", in)
	if err != nil {
		return "", err
	}
	if pass != again {
		return "", errors.New("the passphrases differ")
	}
	return pass, nil
}

func newKeysShowCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show --from KEY",
		Short: "Show your encryption key and whether it is the one registered on chain",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			fields := []field{{"address", s.client.Account}, {"encryption_key", s.client.Key.Public()}, {"suite", s.client.Key.Suite()},
				{"file", ccdbclient.KeyFilePath(s.clientCtx.HomeDir, s.client.Account)}}
			registered, err := s.client.RegisteredKey(cmd.Context())
			switch {
			case errors.Is(err, ccdbclient.ErrNoEncryptionKey):
				fields = append(fields, field{"registered", "no (run msecd ccdb keys init)"})
			case err != nil:
				return err
			case registered.Equal(s.client.Key.Public()):
				fields = append(fields, field{"registered", "yes"})
			default:
				fields = append(fields, field{"registered", "another key: " + registered.String()})
			}
			printFields(cmd.OutOrStdout(), fields...)
			return nil
		},
	}
	addTxFlags(cmd)
	return cmd
}
