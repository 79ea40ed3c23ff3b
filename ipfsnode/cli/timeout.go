package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

const flagTimeout = "timeout"

func addTimeoutFlag(cmd *cobra.Command) {
	cmd.Flags().Duration(flagTimeout, 0, "give up after this long (0: wait as long as it takes)")
}

func withTimeoutFlag(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	d, _ := cmd.Flags().GetDuration(flagTimeout)
	if d <= 0 {
		return context.WithCancel(cmd.Context())
	}
	return context.WithTimeout(cmd.Context(), d)
}

// explainTimeout says what an expired --timeout means for content.
func explainTimeout(err error, what string, cmd *cobra.Command) error {
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	d, _ := cmd.Flags().GetDuration(flagTimeout)
	return fmt.Errorf("%s: not found on this node or its connected members within %s: %w", what, d, err)
}
