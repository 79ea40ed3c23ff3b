// Package cli is `msecd ccdb`: the companion database client on the command
// line. Every command is a thin layer over package ccdbclient.
package cli

import (
	"os"

	"github.com/spf13/cobra"
)

// Options are what the command tree needs from msecd.
type Options struct {
	// DefaultGasPrices are used when neither --fees nor --gas-prices is given.
	DefaultGasPrices string
}

const (
	// flagCompanion is not "companion": that name is app.toml's
	// [companion] section, which the SDK would copy into the flag.
	flagCompanion = "companion-url"
	// envCompanion overrides the default companion URL.
	envCompanion     = "MSECD_COMPANION_URL"
	defaultCompanion = "http://127.0.0.1:8282"
)

// NewCommand returns `ccdb` and its subcommands.
func NewCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ccdb",
		Short: "Companion database: store encrypted records, grant, read, revoke, erase, audit",
		Long: `Store personal and sensor data encrypted on this machine, share it with the
readers you choose, and audit every key release.

Content is encrypted here before upload; the companion service (any member's
node) stores only ciphertext and key envelopes sealed to your readers; the
chain holds hashes, grants and a read receipt for every release. Your
encryption key comes from your wallet mnemonic: run "msecd ccdb keys init"
once per account (docs/ccdb.md).`,
	}
	companion := os.Getenv(envCompanion)
	if companion == "" {
		companion = defaultCompanion
	}
	cmd.PersistentFlags().String(flagCompanion, companion, "companion service URL (default from $"+envCompanion+")")
	cmd.AddCommand(
		newKeysCommand(opts),
		newPutCommand(opts),
		newGetCommand(opts),
		newUpdateCommand(opts),
		newRekeyCommand(opts),
		newGrantCommand(opts),
		newRevokeCommand(opts),
		newRequestCommand(opts),
		newApproveCommand(opts),
		newRejectCommand(opts),
		newEraseCommand(opts),
		newAuditCommand(),
	)
	silenceUsage(cmd)
	return cmd
}

// silenceUsage keeps refusals short: a failed command prints its error, not
// its whole flag list (cobra only looks at the command run and the root).
func silenceUsage(cmd *cobra.Command) {
	cmd.SilenceUsage = true
	for _, c := range cmd.Commands() {
		silenceUsage(c)
	}
}
