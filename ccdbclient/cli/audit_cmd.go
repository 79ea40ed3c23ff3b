package cli

import (
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/msec-city/msec/ccdbclient"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

func newAuditCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit RECORD",
		Short: "Print a record's audit trail: puts, grants, reads, revocations, erasure",
		Long: `Print the audit trail of RECORD in order: every version, grant, request,
read receipt, revocation, expiry and the erasure with its attestations. It is
public chain state: anyone can audit, no key is needed. --output json or csv
exports it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("record", args[0])
			if err != nil {
				return err
			}
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			rows, err := ccdbclient.Audit(cmd.Context(), ccdbtypes.NewQueryClient(clientCtx), id)
			if err != nil {
				return err
			}
			format, _ := cmd.Flags().GetString(flags.FlagOutput)
			return ccdbclient.WriteTrail(cmd.OutOrStdout(), rows, format)
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	cmd.Flags().Lookup(flags.FlagOutput).Usage = "table, json or csv"
	_ = cmd.Flags().Set(flags.FlagOutput, ccdbclient.FormatTable)
	cmd.Flags().Lookup(flags.FlagOutput).DefValue = ccdbclient.FormatTable
	return cmd
}
