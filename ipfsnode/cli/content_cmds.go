package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ipfsnode"
	"github.com/msec-city/msec/termprogress"
)

func newAddCommand() *cobra.Command {
	var reason string
	var noPin bool
	cmd := &cobra.Command{
		Use:   "add [file]",
		Short: "Import a file (or stdin) and print its CID",
		Long: `Import a file, or standard input when no file (or "-") is given, as a
unixfs file with kubo's "ipfs add --cid-version=1" parameters, and print its
CID. The content is pinned for --reason unless --no-pin is given.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if noPin {
				reason = ""
			}
			in, size, err := openInput(cmd, args)
			if err != nil {
				return err
			}
			defer in.Close()
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			bar := termprogress.New(cmd.ErrOrStderr(), size)
			root, err := b.Add(cmd.Context(), bar.Reader(in), reason)
			bar.Finish()
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), root)
			return nil
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "manual", "why the content is kept (for example a record ID)")
	cmd.Flags().BoolVar(&noPin, "no-pin", false, "do not pin: the next gc removes the content")
	return cmd
}

// openInput opens the named file, or stdin, and its size (-1 if unknown).
func openInput(cmd *cobra.Command, args []string) (io.ReadCloser, int64, error) {
	if len(args) == 0 || args[0] == "-" {
		return io.NopCloser(cmd.InOrStdin()), -1, nil
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return f, -1, nil
	}
	return f, info.Size(), nil
}

func newCatCommand() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "cat <cid>",
		Short: "Write the content of a CID to stdout (or --output)",
		Long: `Write the content of a CID to standard output, or to --output. Every block
is checked against its hash. A running node fetches blocks it lacks from the
member nodes; use --timeout (e.g. --timeout 30s) to give up on content no
member has.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := ipfsnode.ParseCID(args[0])
			if err != nil {
				return err
			}
			ctx, cancel := withTimeoutFlag(cmd)
			defer cancel()
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			body, size, err := b.Cat(ctx, root)
			if err != nil {
				return explainTimeout(err, root.String(), cmd)
			}
			defer body.Close()
			out, closeOut, err := openOutput(cmd, output)
			if err != nil {
				return err
			}
			bar := termprogress.New(cmd.ErrOrStderr(), size)
			n, copyErr := io.Copy(bar.Writer(out), body)
			bar.Finish()
			closeErr := closeOut()
			if copyErr != nil {
				return explainTimeout(fmt.Errorf("cat %s: %w", root, copyErr), root.String(), cmd)
			}
			if size >= 0 && n != size {
				return fmt.Errorf("cat %s: got %d of %d bytes", root, n, size)
			}
			return closeErr
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of stdout")
	addTimeoutFlag(cmd)
	return cmd
}

func openOutput(cmd *cobra.Command, path string) (io.Writer, func() error, error) {
	if path == "" {
		return cmd.OutOrStdout(), func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
