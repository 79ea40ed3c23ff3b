package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// GetMember returns the member with the given account address.
func (k Keeper) GetMember(ctx context.Context, addr sdk.AccAddress) (types.Member, error) {
	m, err := k.Members.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return m, errorsmod.Wrapf(types.ErrMemberNotFound, "%s", k.mustString(addr))
	}
	return m, err
}

// AddMember admits a new active member. Guard rails: member and node limits,
// unique node IDs and consensus key, and the per-block power change limit.
func (k Keeper) AddMember(ctx context.Context, m types.Member) error {
	m.Status = types.MEMBER_STATUS_ACTIVE
	m.JoinedHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := m.Validate(k.addressCodec); err != nil {
		return err
	}
	addr := k.mustBytes(m.Address)
	return inCache(ctx, func(ctx sdk.Context) error {
		if has, err := k.Members.Has(ctx, addr); err != nil {
			return err
		} else if has {
			return errorsmod.Wrapf(types.ErrMemberExists, "%s", m.Address)
		}
		params, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		count, err := k.countMembers(ctx)
		if err != nil {
			return err
		}
		if count >= uint64(params.MaxMembers) {
			return errorsmod.Wrapf(types.ErrTooManyMembers, "max_members is %d", params.MaxMembers)
		}
		if err := k.setMember(ctx, m, params); err != nil {
			return err
		}
		if err := k.CheckPowerChange(ctx); err != nil {
			return err
		}
		return ctx.EventManager().EmitTypedEvent(&types.EventMemberAdded{
			Address: m.Address, Name: m.Name, Power: m.Power, NodeIds: m.NodeIds,
		})
	})
}

// UpdateMember replaces a member's name, nodes and power, rotates its
// consensus key when one is given, and reinstates it if it was suspended.
func (k Keeper) UpdateMember(ctx context.Context, msg *types.MsgUpdateMember) error {
	if err := msg.Validate(k.addressCodec); err != nil {
		return err
	}
	addr := k.mustBytes(msg.Address)
	return inCache(ctx, func(ctx sdk.Context) error {
		old, err := k.GetMember(ctx, addr)
		if err != nil {
			return err
		}
		params, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		updated := old
		updated.Name = msg.Name
		updated.NodeIds = msg.NodeIds
		updated.Power = msg.Power
		updated.Status = types.MEMBER_STATUS_ACTIVE
		rotated := len(msg.ConsensusPubkey) > 0 && !bytes.Equal(msg.ConsensusPubkey, old.ConsensusPubkey)
		if rotated {
			updated.ConsensusPubkey = msg.ConsensusPubkey
		}
		// The old entry goes first so its own node IDs and key do not count
		// as taken.
		if err := k.deleteMember(ctx, old); err != nil {
			return err
		}
		if err := k.setMember(ctx, updated, params); err != nil {
			return err
		}
		if err := k.CheckPowerChange(ctx); err != nil {
			return err
		}
		return ctx.EventManager().EmitTypedEvent(&types.EventMemberUpdated{
			Address: updated.Address, OldPower: old.VotingPower(), NewPower: updated.VotingPower(),
			Status: updated.Status, KeyRotated: rotated,
		})
	})
}

// RemoveMember removes a member, its validator and its nodes.
func (k Keeper) RemoveMember(ctx context.Context, address string) error {
	if err := types.ValidateAddress(k.addressCodec, "member address", address); err != nil {
		return err
	}
	return inCache(ctx, func(ctx sdk.Context) error {
		old, err := k.GetMember(ctx, k.mustBytes(address))
		if err != nil {
			return err
		}
		if err := k.deleteMember(ctx, old); err != nil {
			return err
		}
		if err := k.CheckPowerChange(ctx); err != nil {
			return err
		}
		return ctx.EventManager().EmitTypedEvent(&types.EventMemberRemoved{Address: address, OldPower: old.VotingPower()})
	})
}

// setMember stores a member and its node IDs after checking that neither its
// nodes nor its consensus key belong to anyone else.
func (k Keeper) setMember(ctx context.Context, m types.Member, params types.Params) error {
	if uint32(len(m.NodeIds)) > params.MaxNodeIdsPerMember {
		return errorsmod.Wrapf(types.ErrInvalidMember, "%d node IDs, max_node_ids_per_member is %d", len(m.NodeIds), params.MaxNodeIdsPerMember)
	}
	addr := k.mustBytes(m.Address)
	if owner, err := k.Members.Indexes.ByConsensusAddress.MatchExact(ctx, types.ConsensusAddress(m.ConsensusPubkey)); err == nil {
		return errorsmod.Wrapf(types.ErrDuplicateConsKey, "used by member %s", k.mustString(owner))
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	for _, id := range m.NodeIds {
		if err := k.checkNodeFree(ctx, id); err != nil {
			return err
		}
		if err := k.MemberNodes.Set(ctx, id, addr); err != nil {
			return err
		}
	}
	return k.Members.Set(ctx, addr, m)
}

// deleteMember removes a member and frees its node IDs and key.
func (k Keeper) deleteMember(ctx context.Context, m types.Member) error {
	for _, id := range m.NodeIds {
		if err := k.MemberNodes.Remove(ctx, id); err != nil {
			return err
		}
	}
	return k.Members.Remove(ctx, k.mustBytes(m.Address))
}

func (k Keeper) countMembers(ctx context.Context) (uint64, error) {
	var n uint64
	err := k.Members.Walk(ctx, nil, func(sdk.AccAddress, types.Member) (bool, error) {
		n++
		return false, nil
	})
	return n, err
}

func (k Keeper) mustBytes(addr string) sdk.AccAddress {
	bz, err := k.addressCodec.StringToBytes(addr)
	if err != nil {
		// Callers validate addresses first; reaching this is a bug.
		panic(fmt.Errorf("unvalidated address %q: %w", addr, err))
	}
	return bz
}

func (k Keeper) mustString(addr sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		panic(err)
	}
	return s
}
