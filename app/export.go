package app

import (
	"encoding/json"
	"fmt"

	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
)

// ExportAppStateAndValidators exports the state and the validator set, for
// `msecd export`. There is no staking state to reset for a zero-height
// export: the validator set is the consortium's.
func (app *App) ExportAppStateAndValidators(_ bool, _, modulesToExport []string) (servertypes.ExportedApp, error) {
	ctx := app.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	height := app.LastBlockHeight() + 1

	genState, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genState, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	vals, _, err := app.ConsortiumKeeper.ValidatorSet(ctx)
	if err != nil {
		return servertypes.ExportedApp{}, fmt.Errorf("exporting the validator set: %w", err)
	}
	validators := make([]cmttypes.GenesisValidator, 0, len(vals))
	for _, v := range vals {
		pk := cmted25519.PubKey(v.ConsensusPubkey)
		validators = append(validators, cmttypes.GenesisValidator{
			Address: pk.Address(), PubKey: pk, Power: v.Power, Name: v.Name,
		})
	}
	return servertypes.ExportedApp{
		AppState:        appState,
		Validators:      validators,
		Height:          height,
		ConsensusParams: app.GetConsensusParams(ctx),
	}, nil
}
