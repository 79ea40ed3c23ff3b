package cli

import (
	"fmt"
	"strings"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ipfsnode"
)

func newPinCommand() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "pin <cid>",
		Short: "Keep content (and fetch it from members if missing) for a reason",
		Long: `Keep the content under a CID from garbage collection for --reason, usually
the record that needs it. Content stays pinned while any reason remains. A
running node fetches missing blocks from the member nodes first.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return changePin(cmd, args[0], func(b backend, root cid.Cid) (ipfsnode.Pin, error) {
				ctx, cancel := withTimeoutFlag(cmd)
				defer cancel()
				pin, err := b.Pin(ctx, root, reason)
				return pin, explainTimeout(err, root.String(), cmd)
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why the content is kept (required)")
	_ = cmd.MarkFlagRequired("reason")
	addTimeoutFlag(cmd)
	return cmd
}

func newUnpinCommand() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "unpin <cid>",
		Short: "Drop one reason for keeping content",
		Long: `Drop --reason for keeping the content under a CID. When no reason remains the
content is no longer pinned, and the next gc removes the blocks no other pin
needs.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return changePin(cmd, args[0], func(b backend, root cid.Cid) (ipfsnode.Pin, error) {
				return b.Unpin(cmd.Context(), root, reason)
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "the reason to drop (required)")
	_ = cmd.MarkFlagRequired("reason")
	return cmd
}

// changePin parses the CID, applies change and prints the remaining
// reasons.
func changePin(cmd *cobra.Command, arg string, change func(backend, cid.Cid) (ipfsnode.Pin, error)) error {
	root, err := ipfsnode.ParseCID(arg)
	if err != nil {
		return err
	}
	b, err := openBackend(cmd)
	if err != nil {
		return err
	}
	defer b.Close()
	pin, err := change(b, root)
	if err != nil {
		return err
	}
	printPin(cmd, pin)
	return nil
}

func printPin(cmd *cobra.Command, p ipfsnode.Pin) {
	if len(p.Reasons) == 0 {
		fmt.Fprintf(cmd.OutOrStdout(), "%s\tnot pinned\n", p.Root)
		return
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s\tpinned for %s\n", p.Root, strings.Join(p.Reasons, ", "))
}
