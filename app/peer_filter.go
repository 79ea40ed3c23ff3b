package app

import (
	"fmt"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumkeeper "github.com/msec-city/msec/x/consortium/keeper"
	consortiumtypes "github.com/msec-city/msec/x/consortium/types"
)

// filterPeerByID answers CometBFT's `/p2p/filter/id/<id>` query (asked when
// `filter_peers = true`) from the on-chain allow-list: member and observer
// node IDs. Validators must reach each other before the first block commits,
// when there is no committed state yet; until then the answer comes from the
// genesis state loaded by InitChain.
func (app *App) filterPeerByID(id string) *abci.ResponseQuery {
	allowed, err := app.nodeAllowed(id)
	if err != nil {
		return &abci.ResponseQuery{Code: consortiumtypes.ErrNodeNotAllowed.ABCICode(),
			Codespace: consortiumtypes.ModuleName, Log: fmt.Sprintf("checking peer %s: %v", id, err)}
	}
	if !allowed {
		return &abci.ResponseQuery{Code: consortiumtypes.ErrNodeNotAllowed.ABCICode(),
			Codespace: consortiumtypes.ModuleName, Log: fmt.Sprintf("peer %s is not on the consortium allow-list", id)}
	}
	return &abci.ResponseQuery{}
}

func (app *App) nodeAllowed(id string) (bool, error) {
	if app.LastBlockHeight() == 0 {
		return app.genesisAllowList.has(id), nil
	}
	// A restarted node has committed state but no block header yet until
	// consensus runs again, so do not insist on a matching header.
	ctx, err := app.CreateQueryContextWithCheckHeader(0, false, false)
	if err != nil {
		return false, err
	}
	allowed, _, _, err := app.ConsortiumKeeper.NodeAllowed(ctx, id)
	return allowed, err
}

// genesisAllowList holds the node IDs of the genesis state.
type genesisAllowList struct {
	mu  sync.RWMutex
	ids map[string]bool
}

func (l *genesisAllowList) load(ctx sdk.Context, k consortiumkeeper.Keeper) error {
	ids := map[string]bool{}
	if err := k.MemberNodes.Walk(ctx, nil, func(id string, _ sdk.AccAddress) (bool, error) {
		ids[id] = true
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.ObserverNodes.Walk(ctx, nil, func(id string, _ consortiumtypes.ObserverNode) (bool, error) {
		ids[id] = true
		return false, nil
	}); err != nil {
		return err
	}
	l.mu.Lock()
	l.ids = ids
	l.mu.Unlock()
	return nil
}

func (l *genesisAllowList) has(id string) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ids[id]
}
