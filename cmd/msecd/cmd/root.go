// Package cmd builds msecd's command tree.
package cmd

import (
	"os"
	"path/filepath"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/server"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/app"
)

// DefaultNodeHome is where msecd keeps its config, data and keys.
var DefaultNodeHome = defaultHome()

func defaultHome() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ".msecd"
	}
	return filepath.Join(home, ".msecd")
}

// NewRootCmd builds the msecd command tree.
func NewRootCmd() *cobra.Command {
	// A throwaway app supplies the codecs and the autocli descriptors.
	tempHome, err := os.MkdirTemp("", "msecd-cli-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tempHome)
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, appOptions{flags.FlagHome: tempHome})

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithTxConfig(tempApp.TxConfig()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(DefaultNodeHome).
		WithViper("MSECD")

	rootCmd := &cobra.Command{
		Use:           "msecd",
		Short:         "msec node: a permissioned chain that keeps city data safe from sensor to reader",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())

			clientCtx := initClientCtx.WithCmdContext(cmd.Context())
			clientCtx, err := client.ReadPersistentCommandFlags(clientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			clientCtx, err = config.ReadFromClientConfig(clientCtx)
			if err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
				return err
			}
			template, appConfig := initAppConfig()
			return server.InterceptConfigsPreRunHandler(cmd, template, appConfig, initCometBFTConfig())
		},
	}

	initRootCmd(rootCmd, tempApp)

	autoCliOpts := tempApp.AutoCliOpts()
	autoCliOpts.ClientCtx = initClientCtx
	if err := autoCliOpts.EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	return rootCmd
}

// appOptions is a map-backed servertypes.AppOptions.
type appOptions map[string]any

func (o appOptions) Get(key string) any { return o[key] }
