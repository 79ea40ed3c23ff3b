package cmd

import (
	"github.com/spf13/cast"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
)

// executionConfig is app.toml's [execution] section: how this node executes
// blocks. It changes when a node computes a block's results, never what
// they are.
type executionConfig struct {
	Optimistic bool `mapstructure:"optimistic"`
}

// flagOptimisticExecution is the app.toml key of executionConfig.Optimistic.
const flagOptimisticExecution = "execution.optimistic"

const executionConfigTemplate = `
###############################################################################
###                           Block execution                               ###
###############################################################################

[execution]

# Execute a block as soon as its proposal is accepted, while the validators
# vote on it, rather than once they have committed to it: the node then has
# the block's results, and its mempool is open again, that much earlier. A
# proposal that does not win its height is executed again from scratch.
optimistic = {{ .Execution.Optimistic }}
`

// baseappOptions are the SDK's options from app.toml, plus optimistic
// execution where the [execution] section turns it on. The SDK logs each
// optimistic run at debug level only, so the node says at info level that
// the setting took effect.
func baseappOptions(logger log.Logger, appOpts servertypes.AppOptions) []func(*baseapp.BaseApp) {
	opts := server.DefaultBaseappOptions(appOpts)
	if announceExecution(logger, appOpts) {
		opts = append(opts, baseapp.SetOptimisticExecution())
	}
	return opts
}

// announceExecution logs that optimistic execution is on, if it is, and
// says whether it is.
func announceExecution(logger log.Logger, appOpts servertypes.AppOptions) bool {
	on := optimisticExecution(appOpts)
	if on {
		logger.Info("optimistic execution is on: each block runs while its proposal is voted on", "setting", "[execution] optimistic in app.toml")
	}
	return on
}

// optimisticExecution is app.toml's [execution] optimistic.
func optimisticExecution(appOpts servertypes.AppOptions) bool {
	return cast.ToBool(appOpts.Get(flagOptimisticExecution))
}
