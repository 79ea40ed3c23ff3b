// Package cli is the `msecd ipfs` command tree: operator commands for the
// embedded IPFS node. While `msecd start` runs they go through the node's
// local admin API; otherwise they open the repo directly.
package cli

import (
	"github.com/spf13/cobra"
)

const (
	flagHome    = "home"
	flagOffline = "offline"
)

// NewIPFSCommand returns `ipfs` and its subcommands, for the msecd root
// command.
func NewIPFSCommand(defaultHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ipfs",
		Short: "Operate the embedded IPFS node (content, pins, garbage collection, peers)",
		Long: `Operate the embedded IPFS node that stores this member's ciphertext.

While "msecd start" runs, these commands talk to it through its local admin
API (ipfs.api_address in app.toml). When no node runs they open the repo in
<home>/data/ipfs directly; --offline forces that.`,
	}
	cmd.PersistentFlags().String(flagHome, defaultHome, "node home directory")
	cmd.PersistentFlags().Bool(flagOffline, false, "open the repo directly instead of using the running node (fails while msecd start runs)")
	cmd.AddCommand(
		newAddCommand(),
		newCatCommand(),
		newPinCommand(),
		newUnpinCommand(),
		newGCCommand(),
		newStatCommand(),
		newIDCommand(),
		newPeersCommand(),
		newSwarmKeyCommand(),
	)
	return cmd
}
