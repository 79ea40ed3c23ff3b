package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ccdbclient"
)

const (
	flagOwner    = "owner"
	flagDuration = "duration"
	flagReason   = "reason"
)

func newGrantCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "grant [RECORD] GRANTEE",
		Short: "Let a reader read one record, or (--tag) all your records with a tag",
		Long: `Grant GRANTEE (an address or a key name) read access to RECORD, or with
--tag to every record of yours carrying that tag, including records put
later. The current version's data key is sealed to the grantee's registered
encryption key and the envelope uploaded; the grant names a purpose and
lasts --expires, for at most --max-uses reads.`,
		Example: `  msecd ccdb grant 7 msec1nurse... --from margaret --purpose "home care" --purpose-code care --expires 30d
  msecd ccdb grant --tag home-sensors son --from margaret --purpose "family" --purpose-code family --expires 90d`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			tag := mustString(cmd, flagTag)
			var record uint64
			switch {
			case tag == "" && len(args) == 2:
				id, err := parseID("record", args[0])
				if err != nil {
					return err
				}
				record, args = id, args[1:]
			case tag != "" && len(args) == 1:
			default:
				return fmt.Errorf("%w: give RECORD GRANTEE, or --tag TAG GRANTEE", ccdbclient.ErrBadInput)
			}
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			grantee, err := resolveAddress(s.clientCtx, "grantee", args[0])
			if err != nil {
				return err
			}
			terms, err := grantTerms(cmd, grantee)
			if err != nil {
				return err
			}
			terms.RecordID, terms.Tag = record, tag
			id, err := s.client.Grant(cmd.Context(), *terms)
			if err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"grant", id}, field{"grantee", grantee})
			return nil
		},
	}
	cmd.Flags().String(flagTag, "", "grant every record of yours with this tag, now and later")
	addGrantTermsFlags(cmd)
	addTxFlags(cmd)
	return cmd
}

func newRevokeCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "revoke GRANT",
		Short: "End a grant now; custodians delete the reader's envelopes (then consider rekey)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("grant", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, false)
			if err != nil {
				return err
			}
			if err := s.client.Revoke(cmd.Context(), id); err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"grant", id}, field{"status", "REVOKED"})
			return nil
		},
	}
	addTxFlags(cmd)
	return cmd
}

func newRequestCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "request [RECORD]",
		Short: "Ask an owner for access to a record, or (--tag --owner) to their records with a tag",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := ccdbclient.RequestOptions{Tag: mustString(cmd, flagTag), Purpose: mustString(cmd, flagPurpose)}
			if len(args) == 1 {
				id, err := parseID("record", args[0])
				if err != nil {
					return err
				}
				o.RecordID = id
			}
			var err error
			if o.PurposeCode, err = parsePurposeCode(mustString(cmd, flagPurposeCode)); err != nil {
				return err
			}
			if o.Duration, err = parseDuration(flagDuration, mustString(cmd, flagDuration)); err != nil {
				return err
			}
			s, err := newSession(cmd, opts, false)
			if err != nil {
				return err
			}
			if owner := mustString(cmd, flagOwner); owner != "" {
				if o.Owner, err = resolveAddress(s.clientCtx, "--owner", owner); err != nil {
					return err
				}
			}
			id, err := s.client.Request(cmd.Context(), o)
			if err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"request", id}, field{"status", "PENDING"})
			return nil
		},
	}
	cmd.Flags().String(flagTag, "", "ask for the owner's records with this tag (needs --owner)")
	cmd.Flags().String(flagOwner, "", "owner asked (required with --tag)")
	cmd.Flags().String(flagPurpose, "", "why you need access, in words")
	cmd.Flags().String(flagPurposeCode, "", "machine-readable purpose: "+purposeCodeHelp)
	cmd.Flags().String(flagDuration, "30d", "how long the access should last once approved")
	addTxFlags(cmd)
	return cmd
}

func newApproveCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "approve REQUEST",
		Short: "Grant a pending access request (seals the data keys to the requester)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("request", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, true)
			if err != nil {
				return err
			}
			maxUses, _ := cmd.Flags().GetUint64(flagMaxUses)
			grant, err := s.client.Approve(cmd.Context(), id, maxUses)
			if err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"request", id}, field{"grant", grant})
			return nil
		},
	}
	cmd.Flags().Uint64(flagMaxUses, 0, "most reads allowed (0: unlimited until expiry)")
	addTxFlags(cmd)
	return cmd
}

func newRejectCommand(opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reject REQUEST",
		Short: "Turn down a pending access request",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("request", args[0])
			if err != nil {
				return err
			}
			s, err := newSession(cmd, opts, false)
			if err != nil {
				return err
			}
			if err := s.client.Reject(cmd.Context(), id, mustString(cmd, flagReason)); err != nil {
				return err
			}
			printFields(cmd.OutOrStdout(), field{"request", id}, field{"status", "REJECTED"})
			return nil
		},
	}
	cmd.Flags().String(flagReason, "", "reason given to the requester (public, on chain)")
	addTxFlags(cmd)
	return cmd
}
