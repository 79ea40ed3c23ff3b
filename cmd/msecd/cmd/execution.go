package cmd

import (
	"github.com/spf13/cast"

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
// execution where the [execution] section turns it on.
func baseappOptions(appOpts servertypes.AppOptions) []func(*baseapp.BaseApp) {
	opts := server.DefaultBaseappOptions(appOpts)
	if optimisticExecution(appOpts) {
		opts = append(opts, baseapp.SetOptimisticExecution())
	}
	return opts
}

// optimisticExecution is app.toml's [execution] optimistic.
func optimisticExecution(appOpts servertypes.AppOptions) bool {
	return cast.ToBool(appOpts.Get(flagOptimisticExecution))
}
