package keeper

import (
	"context"

	abci "github.com/cometbft/cometbft/abci/types"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// InitGenesis loads the consortium and returns the initial validator set.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) ([]abci.ValidatorUpdate, error) {
	if err := gs.Validate(k.addressCodec); err != nil {
		return nil, err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return nil, err
	}
	for _, m := range gs.Members {
		if err := k.setMember(ctx, m, gs.Params); err != nil {
			return nil, errorsmod.Wrapf(err, "member %s", m.Address)
		}
	}
	for _, o := range gs.ObserverNodes {
		if err := k.ObserverNodes.Set(ctx, o.NodeId, o); err != nil {
			return nil, err
		}
	}
	for _, mb := range gs.Misbehaviours {
		if err := k.Misbehaviours.Set(ctx, collections.Join(mb.InfractionHeight, mb.ValidatorAddress), mb); err != nil {
			return nil, err
		}
	}
	return k.ApplyValidatorSetChanges(ctx)
}

// ExportGenesis writes the consortium out; importing it recreates the same
// validator set.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		gs.Members = append(gs.Members, m)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.ObserverNodes.Walk(ctx, nil, func(_ string, o types.ObserverNode) (bool, error) {
		gs.ObserverNodes = append(gs.ObserverNodes, o)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Misbehaviours.Walk(ctx, nil, func(_ collections.Pair[int64, []byte], mb types.Misbehaviour) (bool, error) {
		gs.Misbehaviours = append(gs.Misbehaviours, mb)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}
