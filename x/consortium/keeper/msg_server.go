package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

type msgServer struct {
	k Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service. Every message must come from the
// authority (governance).
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{k: k}
}

func (s msgServer) checkAuthority(authority string) error {
	if authority != s.k.authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %q", s.k.authority, authority)
	}
	return nil
}

func (s msgServer) AddMember(ctx context.Context, msg *types.MsgAddMember) (*types.MsgAddMemberResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	m := types.Member{
		Address:         msg.Address,
		Name:            msg.Name,
		NodeIds:         msg.NodeIds,
		ConsensusPubkey: msg.ConsensusPubkey,
		Power:           msg.Power,
	}
	if err := s.k.AddMember(ctx, m); err != nil {
		return nil, err
	}
	return &types.MsgAddMemberResponse{}, nil
}

func (s msgServer) UpdateMember(ctx context.Context, msg *types.MsgUpdateMember) (*types.MsgUpdateMemberResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := s.k.UpdateMember(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgUpdateMemberResponse{}, nil
}

func (s msgServer) RemoveMember(ctx context.Context, msg *types.MsgRemoveMember) (*types.MsgRemoveMemberResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := s.k.RemoveMember(ctx, msg.Address); err != nil {
		return nil, err
	}
	return &types.MsgRemoveMemberResponse{}, nil
}

func (s msgServer) RegisterObserverNode(ctx context.Context, msg *types.MsgRegisterObserverNode) (*types.MsgRegisterObserverNodeResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	o := types.ObserverNode{NodeId: msg.NodeId, Owner: msg.Owner, Purpose: msg.Purpose}
	if err := s.k.RegisterObserverNode(ctx, o); err != nil {
		return nil, err
	}
	return &types.MsgRegisterObserverNodeResponse{}, nil
}

func (s msgServer) RemoveObserverNode(ctx context.Context, msg *types.MsgRemoveObserverNode) (*types.MsgRemoveObserverNodeResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := s.k.RemoveObserverNode(ctx, msg.NodeId); err != nil {
		return nil, err
	}
	return &types.MsgRemoveObserverNodeResponse{}, nil
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := s.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Validate(); err != nil {
		return nil, err
	}
	if err := s.k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	params := msg.Params
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{Params: &params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
