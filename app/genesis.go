package app

import (
	"encoding/json"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
)

// GenesisState is the app state of the genesis file, one entry per module.
type GenesisState map[string]json.RawMessage

// Governance defaults for a consortium where each member has one vote (see
// x/consortium's tally): half the members must vote, and more than half of
// the non-abstaining votes must say yes.
var (
	DefaultGovQuorum        = sdkmath.LegacyNewDecWithPrec(5, 1)
	DefaultGovThreshold     = sdkmath.LegacyNewDecWithPrec(5, 1)
	DefaultGovVetoThreshold = sdkmath.LegacyNewDecWithPrec(334, 3)
	DefaultGovMinDeposit    = sdkmath.NewInt(10_000_000)
	DefaultGovVotingPeriod  = 48 * time.Hour
)

// govBasics gives gov msec's defaults in `msecd init`.
type govBasics struct{ gov.AppModuleBasic }

// DefaultGenesis implements module.HasGenesisBasics.
func (govBasics) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gs := govv1.DefaultGenesisState()
	votingPeriod := DefaultGovVotingPeriod
	expeditedPeriod := DefaultGovVotingPeriod / 2
	gs.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, DefaultGovMinDeposit))
	gs.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, DefaultGovMinDeposit.MulRaw(5)))
	gs.Params.VotingPeriod = &votingPeriod
	gs.Params.ExpeditedVotingPeriod = &expeditedPeriod
	gs.Params.Quorum = DefaultGovQuorum.String()
	gs.Params.Threshold = DefaultGovThreshold.String()
	gs.Params.VetoThreshold = DefaultGovVetoThreshold.String()
	return cdc.MustMarshalJSON(gs)
}

// bankBasics gives bank the umsec denomination metadata in `msecd init`.
type bankBasics struct{ bank.AppModule }

// DefaultGenesis implements module.HasGenesisBasics.
func (bankBasics) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gs := banktypes.DefaultGenesisState()
	gs.DenomMetadata = []banktypes.Metadata{{
		Description: "The fee token of the msec consortium chain",
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: BondDenom, Exponent: 0},
			{Denom: DisplayDenom, Exponent: 6},
		},
		Base: BondDenom, Display: DisplayDenom, Name: "msec", Symbol: "MSEC",
	}}
	return cdc.MustMarshalJSON(gs)
}
