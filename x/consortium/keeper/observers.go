package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// RegisterObserverNode puts a non-validating node on the p2p allow-list.
func (k Keeper) RegisterObserverNode(ctx context.Context, o types.ObserverNode) error {
	o.RegisteredHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := o.Validate(k.addressCodec); err != nil {
		return err
	}
	return inCache(ctx, func(ctx sdk.Context) error {
		if err := k.checkNodeFree(ctx, o.NodeId); err != nil {
			return err
		}
		params, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		var count uint32
		if err := k.ObserverNodes.Walk(ctx, nil, func(string, types.ObserverNode) (bool, error) {
			count++
			return false, nil
		}); err != nil {
			return err
		}
		if count >= params.MaxObserverNodes {
			return errorsmod.Wrapf(types.ErrTooManyObservers, "max_observer_nodes is %d", params.MaxObserverNodes)
		}
		if err := k.ObserverNodes.Set(ctx, o.NodeId, o); err != nil {
			return err
		}
		return ctx.EventManager().EmitTypedEvent(&types.EventObserverNodeRegistered{
			NodeId: o.NodeId, Owner: o.Owner, Purpose: o.Purpose,
		})
	})
}

// RemoveObserverNode takes an observer node off the allow-list. Existing
// connections to it stay open until they drop; new ones are refused.
func (k Keeper) RemoveObserverNode(ctx context.Context, nodeID string) error {
	if err := types.ValidateNodeID(nodeID); err != nil {
		return err
	}
	has, err := k.ObserverNodes.Has(ctx, nodeID)
	if err != nil {
		return err
	}
	if !has {
		return errorsmod.Wrapf(types.ErrObserverNotFound, "%s", nodeID)
	}
	if err := k.ObserverNodes.Remove(ctx, nodeID); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventObserverNodeRemoved{NodeId: nodeID})
}

// checkNodeFree refuses a node ID that a member or an observer already uses.
func (k Keeper) checkNodeFree(ctx context.Context, id string) error {
	if owner, err := k.MemberNodes.Get(ctx, id); err == nil {
		return errorsmod.Wrapf(types.ErrDuplicateNodeID, "%s belongs to member %s", id, k.mustString(owner))
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if o, err := k.ObserverNodes.Get(ctx, id); err == nil {
		return errorsmod.Wrapf(types.ErrDuplicateNodeID, "%s is an observer node of %s", id, o.Owner)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return nil
}

// Node roles on the allow-list.
const (
	RoleMember   = "member"
	RoleObserver = "observer"
)

// NodeAllowed says whether a node ID may connect, with its role and owner.
func (k Keeper) NodeAllowed(ctx context.Context, id string) (allowed bool, role, owner string, err error) {
	if addr, err := k.MemberNodes.Get(ctx, id); err == nil {
		return true, RoleMember, k.mustString(addr), nil
	} else if !errors.Is(err, collections.ErrNotFound) {
		return false, "", "", err
	}
	if o, err := k.ObserverNodes.Get(ctx, id); err == nil {
		return true, RoleObserver, o.Owner, nil
	} else if !errors.Is(err, collections.ErrNotFound) {
		return false, "", "", err
	}
	return false, "", "", nil
}
