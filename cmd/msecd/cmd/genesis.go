package cmd

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path/filepath"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/msec-city/msec/app"
	consortiumtypes "github.com/msec-city/msec/x/consortium/types"
)

const (
	flagPower           = "power"
	flagNodeHome        = "node-home"
	flagNodeID          = "node-id"
	flagConsensusPubKey = "consensus-pubkey"
)

// genesisCommand is the SDK's genesis tooling without the staking-based
// gentx flow, plus add-member: msec's validators come from x/consortium.
func genesisCommand(tempApp *app.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "genesis",
		Short:                      "Build and check the genesis file",
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	ac := tempApp.AccountKeeper.AddressCodec()
	cmd.AddCommand(
		addMemberCmd(),
		genutilcli.ValidateGenesisCmd(tempApp.BasicModuleManager),
		genutilcli.AddGenesisAccountCmd(DefaultNodeHome, ac),
		genutilcli.AddBulkGenesisAccountCmd(DefaultNodeHome, ac),
	)
	return cmd
}

func addMemberCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add-member [name] [address_or_key_name]",
		Short: "Add a consortium member, with its validator key and node ID, to genesis.json",
		Long: `Add a consortium member to genesis.json. The member's validator
consensus key and node ID are read from the node home (--node-home, default
--home: config/priv_validator_key.json and config/node_key.json) unless given
with --consensus-pubkey and --node-id. The result is validated before it is
written.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			config := server.GetServerContextFromCmd(cmd).Config
			config.SetRoot(clientCtx.HomeDir)

			addr, err := resolveAddress(cmd, clientCtx, args[1])
			if err != nil {
				return err
			}
			power, _ := cmd.Flags().GetInt64(flagPower)
			member := consortiumtypes.Member{
				Address: addr,
				Name:    args[0],
				Power:   power,
				Status:  consortiumtypes.MEMBER_STATUS_ACTIVE,
			}
			if member.ConsensusPubkey, member.NodeIds, err = nodeIdentity(cmd, config); err != nil {
				return err
			}
			return addMemberToGenesis(clientCtx, config.GenesisFile(), member)
		},
	}
	cmd.Flags().String(flags.FlagHome, DefaultNodeHome, "The application home directory")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "Select keyring's backend (os|file|kwallet|pass|test)")
	cmd.Flags().Int64(flagPower, 10, "The member's validator power (0 for a member without a validator)")
	cmd.Flags().String(flagNodeHome, "", "Home of the member's node, to read its keys from (default: --home)")
	cmd.Flags().StringSlice(flagNodeID, nil, "The member's node IDs (default: the node ID in --node-home)")
	cmd.Flags().String(flagConsensusPubKey, "", "The member's ed25519 consensus public key, base64 (default: the key in --node-home)")
	return cmd
}

// resolveAddress accepts a bech32 address or the name of a keyring key.
func resolveAddress(cmd *cobra.Command, clientCtx client.Context, arg string) (string, error) {
	if _, err := sdk.AccAddressFromBech32(arg); err == nil {
		return arg, nil
	}
	backend, _ := cmd.Flags().GetString(flags.FlagKeyringBackend)
	kr, err := keyring.New(sdk.KeyringServiceName(), backend, clientCtx.HomeDir, bufio.NewReader(cmd.InOrStdin()), clientCtx.Codec)
	if err != nil {
		return "", err
	}
	record, err := kr.Key(arg)
	if err != nil {
		return "", fmt.Errorf("%q is neither an address nor a key in the keyring: %w", arg, err)
	}
	addr, err := record.GetAddress()
	if err != nil {
		return "", err
	}
	return addr.String(), nil
}

// nodeIdentity returns the consensus key and node IDs from flags or from the
// node home's key files.
func nodeIdentity(cmd *cobra.Command, config *cmtcfg.Config) ([]byte, []string, error) {
	nodeHome, _ := cmd.Flags().GetString(flagNodeHome)
	nodeCfg := config
	if nodeHome != "" {
		nodeCfg = cmtcfg.DefaultConfig()
		nodeCfg.SetRoot(nodeHome)
	}

	var pubKey []byte
	if s, _ := cmd.Flags().GetString(flagConsensusPubKey); s != "" {
		bz, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, nil, fmt.Errorf("--%s: not base64: %w", flagConsensusPubKey, err)
		}
		pubKey = bz
	} else {
		pv := privval.LoadFilePVEmptyState(nodeCfg.PrivValidatorKeyFile(), filepath.Join(nodeCfg.RootDir, "data", "priv_validator_state.json"))
		pk, err := pv.GetPubKey()
		if err != nil {
			return nil, nil, err
		}
		if pk.Type() != ed25519.KeyType {
			return nil, nil, fmt.Errorf("validator key in %s is %s; msec validators use ed25519", nodeCfg.PrivValidatorKeyFile(), pk.Type())
		}
		pubKey = pk.Bytes()
	}

	nodeIDs, _ := cmd.Flags().GetStringSlice(flagNodeID)
	if len(nodeIDs) == 0 {
		nodeKey, err := p2p.LoadNodeKey(nodeCfg.NodeKeyFile())
		if err != nil {
			return nil, nil, fmt.Errorf("reading the node key (use --%s or --%s): %w", flagNodeID, flagNodeHome, err)
		}
		nodeIDs = []string{string(nodeKey.ID())}
	}
	return pubKey, nodeIDs, nil
}

// addMemberToGenesis appends the member to the consortium genesis state and
// writes the file only if the result is valid.
func addMemberToGenesis(clientCtx client.Context, genFile string, member consortiumtypes.Member) error {
	appGenesis, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return fmt.Errorf("reading %s: %w", genFile, err)
	}
	var appState map[string]json.RawMessage
	if err := json.Unmarshal(appGenesis.AppState, &appState); err != nil {
		return fmt.Errorf("decoding the app state of %s: %w", genFile, err)
	}
	var gs consortiumtypes.GenesisState
	if err := clientCtx.Codec.UnmarshalJSON(appState[consortiumtypes.ModuleName], &gs); err != nil {
		return fmt.Errorf("decoding the consortium genesis: %w", err)
	}
	gs.Members = append(gs.Members, member)
	if err := gs.Validate(clientCtx.InterfaceRegistry.SigningContext().AddressCodec()); err != nil {
		return fmt.Errorf("member %s not added: %w", member.Name, err)
	}
	if appState[consortiumtypes.ModuleName], err = clientCtx.Codec.MarshalJSON(&gs); err != nil {
		return err
	}
	if appGenesis.AppState, err = json.Marshal(appState); err != nil {
		return err
	}
	return appGenesis.SaveAs(genFile)
}
