package cli

import (
	"fmt"
	"strings"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"
)

func newGCCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "gc",
		Short: "Remove every block that no pin needs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			res, err := b.GC(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "removed %d blocks (%s)\n", res.RemovedBlocks, humanize.IBytes(res.RemovedBytes))
			return nil
		},
	}
}

func newStatCommand() *cobra.Command {
	var listPins bool
	cmd := &cobra.Command{
		Use:   "stat",
		Short: "Show stored blocks and bytes, the storage limit and pinned roots",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			st, err := b.Stat(cmd.Context())
			if err != nil {
				return err
			}
			limit := "none"
			if st.StorageLimit > 0 {
				limit = fmt.Sprintf("%s (%.1f%% used)", humanize.IBytes(st.StorageLimit), 100*float64(st.Bytes)/float64(st.StorageLimit))
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "blocks:        %d\n", st.Blocks)
			fmt.Fprintf(out, "bytes:         %d (%s)\n", st.Bytes, humanize.IBytes(st.Bytes))
			fmt.Fprintf(out, "storage limit: %s\n", limit)
			fmt.Fprintf(out, "pinned roots:  %d\n", st.PinnedRoots)
			if !listPins {
				return nil
			}
			pins, err := b.Pins(cmd.Context())
			if err != nil {
				return err
			}
			for _, p := range pins {
				fmt.Fprintf(out, "%s\t%s\n", p.Root, strings.Join(p.Reasons, ", "))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&listPins, "pins", false, "also list each pinned root and its reasons")
	return cmd
}
