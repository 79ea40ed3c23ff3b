package cli

import (
	"bufio"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/input"
	"github.com/cosmos/cosmos-sdk/client/tx"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// addTxFlags adds the SDK's transaction flags (--from, --fees, --gas...),
// with gas simulated by default. Commands that use -o for a file keep theirs.
func addTxFlags(cmd *cobra.Command) {
	txFlags := &cobra.Command{}
	flags.AddTxFlagsToCmd(txFlags)
	txFlags.Flags().VisitAll(func(f *pflag.Flag) {
		if cmd.Flags().Lookup(f.Name) == nil && (f.Shorthand == "" || cmd.Flags().ShorthandLookup(f.Shorthand) == nil) {
			cmd.Flags().AddFlag(f)
		}
	})
	_ = cmd.Flags().Set(flags.FlagGas, flags.GasFlagAuto)
	gas := cmd.Flags().Lookup(flags.FlagGas)
	gas.DefValue, gas.Usage = flags.GasFlagAuto, `gas limit per transaction, or "auto" to simulate it`
	_ = cmd.Flags().Set(flags.FlagGasAdjustment, "1.5")
	cmd.Flags().Lookup(flags.FlagGasAdjustment).DefValue = "1.5"
}

// session is what a command acts with.
type session struct {
	clientCtx client.Context
	client    *ccdbclient.Client
}

// newSession builds the client for --from: queries and transactions through
// --node, requests to --companion signed with the keyring key, and (when
// needKey) the encryption key from its file under the home.
func newSession(cmd *cobra.Command, opts Options, needKey bool) (*session, error) {
	clientCtx, err := client.GetClientTxContext(cmd)
	if err != nil {
		return nil, err
	}
	if clientCtx.FromName == "" {
		return nil, fmt.Errorf("%w: name your key with --from", ccdbclient.ErrBadInput)
	}
	if clientCtx.ChainID == "" {
		return nil, fmt.Errorf("%w: no chain ID: set chain-id in client.toml or pass --chain-id", ccdbclient.ErrBadInput)
	}
	clientCtx = clientCtx.WithBroadcastMode(flags.BroadcastSync).WithSkipConfirmation(true)
	factory, err := tx.NewFactoryCLI(clientCtx, cmd.Flags())
	if err != nil {
		return nil, err
	}
	if factory.Fees().IsZero() && factory.GasPrices().IsZero() {
		factory = factory.WithGasPrices(opts.DefaultGasPrices)
	}
	signer, err := ccdbclient.NewKeyringSigner(clientCtx.Keyring, clientCtx.FromName)
	if err != nil {
		return nil, err
	}
	url, _ := cmd.Flags().GetString(flagCompanion)
	companion, err := ccdbclient.NewCompanion(url, signer)
	if err != nil {
		return nil, err
	}
	cfg := ccdbclient.Config{
		ChainID: clientCtx.ChainID, Account: clientCtx.FromAddress.String(),
		Query: ccdbtypes.NewQueryClient(clientCtx), Txs: txsubmit.New(clientCtx, factory), Companion: companion,
		Progress: cmd.ErrOrStderr(),
	}
	if needKey {
		if cfg.Key, err = loadKey(cmd, clientCtx); err != nil {
			return nil, err
		}
	}
	c, err := ccdbclient.New(cfg)
	if err != nil {
		return nil, err
	}
	return &session{clientCtx: clientCtx, client: c}, nil
}

// loadKey reads the encryption key file of --from, asking for its
// passphrase if it has one.
func loadKey(cmd *cobra.Command, clientCtx client.Context) (*envelope.PrivateKey, error) {
	address := clientCtx.FromAddress.String()
	path := ccdbclient.KeyFilePath(clientCtx.HomeDir, address)
	in := bufio.NewReader(cmd.InOrStdin())
	return ccdbclient.LoadKey(path, address, func() (string, error) {
		return input.GetPassword("Passphrase of your encryption key:", in)
	})
}

// keyringBackend is the backend of the session's keyring.
func keyringBackend(clientCtx client.Context) string {
	if clientCtx.Keyring == nil {
		return ""
	}
	return clientCtx.Keyring.Backend()
}
