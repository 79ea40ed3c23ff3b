package app

import (
	"os"

	"github.com/cosmos/cosmos-sdk/baseapp"
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

// How msecd init sets up a node's stores in app.toml (docs/consortium.md,
// "Starting a network"); the in-process benchmarks run the same way.
const (
	// NodeIAVLDisableFastNode leaves out IAVL's fast-node index: it writes
	// every changed key a second time, which costs a ccdb message (8 keys
	// for a grant) more than a bank send.
	NodeIAVLDisableFastNode = true
	// NodeIAVLCacheSize is the IAVL node cache of each store, in nodes. The
	// SDK's 781,250 fills, under ccdb load, with millions of small objects
	// the Go collector scans on every cycle: after 7 minutes a validator's
	// heap was 900 MB and collection took 10-15% of its CPU, growing, and
	// bank sends had fallen by a fifth. With 50,000 (the nodes near the top
	// of every tree, which every path crosses, stay cached) the heap stayed
	// near 400 MB and throughput held.
	NodeIAVLCacheSize = 50_000
)

// NodeStoreOptions are the BaseApp options of those settings.
func NodeStoreOptions() []func(*baseapp.BaseApp) {
	return []func(*baseapp.BaseApp){
		baseapp.SetIAVLDisableFastNode(NodeIAVLDisableFastNode),
		baseapp.SetIAVLCacheSize(NodeIAVLCacheSize),
	}
}

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
