package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ipfsnode"
)

func newIDCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "id",
		Short: "Show this node's peer ID and swarm addresses (for the members' ipfs.peers)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			id, err := b.Identity(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "peer id: %s\n", id.ID)
			if len(id.Addresses) == 0 {
				fmt.Fprintln(out, "addresses: none (node not running)")
			}
			for _, a := range id.Addresses {
				fmt.Fprintf(out, "address: %s\n", a)
			}
			return nil
		},
	}
}

func newPeersCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "peers",
		Short: "List configured and connected member nodes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := openBackend(cmd)
			if err != nil {
				return err
			}
			defer b.Close()
			peers, err := b.Peers(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if len(peers) == 0 {
				fmt.Fprintln(out, "no peers configured or connected")
			}
			for _, p := range peers {
				state := "disconnected"
				if p.Connected {
					state = "connected"
				}
				origin := "not configured"
				if p.Configured {
					origin = "configured"
				}
				fmt.Fprintf(out, "%s\t%s\t%s\t%v\n", p.ID, state, origin, p.Addresses)
			}
			return nil
		},
	}
}

func newSwarmKeyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "swarm-key",
		Short: "Manage the private swarm's pre-shared key",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "generate [file]",
		Short: "Write a new swarm key (default: ipfs.swarm_key_file); never overwrites",
		Long: `Write a new random swarm key in the standard /key/swarm/psk/1.0.0/ format,
to the given file or to ipfs.swarm_key_file of this home. One member
generates it and hands it to the others over a secure channel; every member
node needs the same key. An existing file is never overwritten.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := swarmKeyPath(cmd, args)
			if err != nil {
				return err
			}
			if err := ipfsnode.GenerateSwarmKey(path); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote swarm key %s\n", path)
			return nil
		},
	})
	return cmd
}

func swarmKeyPath(cmd *cobra.Command, args []string) (string, error) {
	if len(args) == 1 {
		return args[0], nil
	}
	home, _ := cmd.Flags().GetString(flagHome)
	cfg, err := readConfig(home)
	if err != nil {
		return "", err
	}
	return cfg.SwarmKeyPath(home), nil
}
