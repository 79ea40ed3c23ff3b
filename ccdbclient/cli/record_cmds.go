package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ccdbclient"
)

const (
	flagTag         = "tag"
	flagContentType = "content-type"
	flagGrant       = "grant"
	flagPurpose     = "purpose"
	flagPurposeCode = "purpose-code"
	flagExpires     = "expires"
	flagMaxUses     = "max-uses"
	flagVersion     = "record-version"
	flagOutputFile  = "output"
	flagWait        = "wait"
)

// addGrantTermsFlags adds the flags describing what a grant allows.
func addGrantTermsFlags(cmd *cobra.Command) {
	cmd.Flags().String(flagPurpose, "", "purpose of the access, in words (e.g. \"home care\")")
	cmd.Flags().String(flagPurposeCode, "", "machine-readable purpose: "+purposeCodeHelp)
	cmd.Flags().String(flagExpires, "30d", "how long the grant lasts (30d, 12h...)")
	cmd.Flags().Uint64(flagMaxUses, 0, "most reads allowed (0: unlimited until expiry)")
}

// grantTerms reads those flags for grantee.
func grantTerms(cmd *cobra.Command, grantee string) (*ccdbclient.GrantOptions, error) {
	purpose, _ := cmd.Flags().GetString(flagPurpose)
	code, err := parsePurposeCode(mustString(cmd, flagPurposeCode))
	if err != nil {
		return nil, err
	}
	expires, err := parseDuration(flagExpires, mustString(cmd, flagExpires))
	if err != nil {
		return nil, err
	}
	maxUses, _ := cmd.Flags().GetUint64(flagMaxUses)
	return &ccdbclient.GrantOptions{Grantee: grantee, Purpose: purpose, PurposeCode: code, Expires: expires, MaxUses: maxUses}, nil
}

func mustString(cmd *cobra.Command, name string) string {
	v, _ := cmd.Flags().GetString(name)
	return v
}

func newPutCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "put FILE",
		Short: "Encrypt a file here, upload the ciphertext and register it as a new record",
		Long: `Encrypt FILE on this machine under a fresh data key, upload the ciphertext and
your key envelope to the companion service, and register the record on chain.
With --grant, also grant that reader access in the same transaction. Readers
of your live grants on one of the record's --tag values get an envelope too.`,
		Example: `  msecd ccdb put export.csv --from margaret --tag home-sensors --content-type text/csv \
    --grant nurse --purpose "home care" --purpose-code care --expires 30d`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			tags, _ := cmd.Flags().GetStringSlice(flagTag)
			put := ccdbclient.PutOptions{ContentType: mustString(cmd, flagContentType), Tags: tags}
			if g := mustString(cmd, flagGrant); g != "" {
				grantee, err := resolveAddress(s.clientCtx, "--grant", g)
				if err != nil {
					return err
				}
				if put.Grant, err = grantTerms(cmd, grantee); err != nil {
					return err
				}
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			res, err := s.client.Put(cmd.Context(), f, put)
			if err != nil {
				return err
			}
			fields := []field{{"record", res.RecordID}, {"version", 1}, {"cid", res.CID}, {"size", res.Size}, {"height", res.Height}}
			if res.GrantID != 0 {
				fields = append(fields, field{"grant", res.GrantID})
			}
			printFields(cmd.OutOrStdout(), fields...)
			return nil
		},
	}
	cmd.Flags().StringSlice(flagTag, nil, "public tag (repeatable); tag-scoped grants cover tagged records")
	cmd.Flags().String(flagContentType, "", "media type or schema name (public)")
	cmd.Flags().String(flagGrant, "", "grant this reader (address or key name) access in the same step")
	addGrantTermsFlags(cmd)
	addTxFlags(cmd)
	return cmd
}

func newGetCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get RECORD -o FILE",
		Short: "Read a record: post the read receipt, download, verify and decrypt",
		Long: `Read a record into FILE. A reader first posts a read receipt on chain
(MsgAccessRecord, under a live grant: --grant names one, otherwise one is
found); the owner needs none. The envelope and ciphertext are checked against
the chain before decryption, and FILE is written only if everything checks.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("record", args[0])
			if err != nil {
				return err
			}
			out := mustString(cmd, flagOutputFile)
			if out == "" {
				return fmt.Errorf("%w: say where to write the plaintext with -o FILE", ccdbclient.ErrBadInput)
			}
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			version, _ := cmd.Flags().GetUint64(flagVersion)
			grant, _ := cmd.Flags().GetUint64(flagGrant)
			tmp, err := os.CreateTemp(filepath.Dir(out), ".msec-get-*")
			if err != nil {
				return err
			}
			defer os.Remove(tmp.Name())
			res, err := s.client.Get(cmd.Context(), id, ccdbclient.GetOptions{Version: version, GrantID: grant}, tmp)
			if closeErr := tmp.Close(); err == nil {
				err = closeErr
			}
			if err != nil {
				return err
			}
			if err := os.Rename(tmp.Name(), out); err != nil {
				return err
			}
			fields := []field{{"record", res.RecordID}, {"version", res.Version}, {"file", out}}
			if res.ReceiptID != 0 {
				fields = append(fields, field{"receipt", res.ReceiptID}, field{"grant", res.GrantID})
			}
			printFields(cmd.OutOrStdout(), fields...)
			return nil
		},
	}
	cmd.Flags().StringP(flagOutputFile, "o", "", "file to write the plaintext to")
	cmd.Flags().Uint64(flagVersion, 0, "version to read (owner; 0: current)")
	cmd.Flags().Uint64(flagGrant, 0, "grant to read under (0: any live grant of yours)")
	addTxFlags(cmd)
	return cmd
}

func newUpdateCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update RECORD FILE",
		Short: "Add a new version of a record with new content, under a new data key",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("record", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			f, err := os.Open(args[1])
			if err != nil {
				return err
			}
			defer f.Close()
			res, err := s.client.Update(cmd.Context(), id, f)
			if err != nil {
				return err
			}
			printVersion(cmd, res)
			return nil
		},
	}
	addTxFlags(cmd)
	return cmd
}

func newRekeyCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rekey RECORD",
		Short: "Re-encrypt a record under a new data key sealed only to its current readers",
		Long: `Make a new version of RECORD with the same content under a new data key,
sealed to you and to the readers whose grants are still live. After a
revocation, the revoked reader holds no key to the new version.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("record", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			res, err := s.client.Rekey(cmd.Context(), id)
			if err != nil {
				return err
			}
			printVersion(cmd, res)
			return nil
		},
	}
	addTxFlags(cmd)
	return cmd
}

func printVersion(cmd *cobra.Command, res ccdbclient.UpdateResult) {
	printFields(cmd.OutOrStdout(), field{"record", res.RecordID}, field{"version", res.Version},
		field{"cid", res.CID}, field{"size", res.Size}, field{"readers", len(res.Readers)})
}

func newEraseCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "erase RECORD",
		Short: "Ask the custodians to erase a record (envelopes and ciphertext), and attest it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("record", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, false)
			if err != nil {
				return err
			}
			if err := s.client.Erase(cmd.Context(), id); err != nil {
				return err
			}
			wait, _ := cmd.Flags().GetDuration(flagWait)
			if wait <= 0 {
				printFields(cmd.OutOrStdout(), field{"record", id}, field{"status", "ERASE_PENDING"})
				return nil
			}
			ctx, cancel := contextWithTimeout(cmd, wait)
			defer cancel()
			st, err := s.client.WaitErased(ctx, id, time.Second)
			if err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"record", id}, field{"status", "ERASED"},
				field{"attestations", len(st.Attestations)}, field{"active_custodians", st.ActiveCustodians})
			return nil
		},
	}
	cmd.Flags().Duration(flagWait, 0, "wait up to this long for the custodians' quorum (e.g. 2m)")
	addTxFlags(cmd)
	return cmd
}
