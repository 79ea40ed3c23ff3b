package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/consortium/keeper"
	"github.com/msec-city/msec/x/consortium/types"
)

func TestMsgsNeedTheAuthority(t *testing.T) {
	f := withMembers(t, 4)
	srv := keeper.NewMsgServerImpl(f.k)
	intruder := member(0, 10).Address
	m := member(4, 10)

	_, err := srv.AddMember(f.ctx, &types.MsgAddMember{Authority: intruder, Address: m.Address, Name: m.Name,
		NodeIds: m.NodeIds, ConsensusPubkey: m.ConsensusPubkey, Power: m.Power})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = srv.UpdateMember(f.ctx, &types.MsgUpdateMember{Authority: intruder, Address: m.Address})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = srv.RemoveMember(f.ctx, &types.MsgRemoveMember{Authority: intruder, Address: m.Address})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = srv.RegisterObserverNode(f.ctx, &types.MsgRegisterObserverNode{Authority: intruder})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = srv.RemoveObserverNode(f.ctx, &types.MsgRemoveObserverNode{Authority: intruder})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = srv.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: intruder, Params: types.DefaultParams()})
	require.ErrorIs(t, err, types.ErrUnauthorized)

	_, err = srv.AddMember(f.ctx, &types.MsgAddMember{Authority: authority, Address: m.Address, Name: m.Name,
		NodeIds: m.NodeIds, ConsensusPubkey: m.ConsensusPubkey, Power: m.Power})
	require.NoError(t, err)
	requireEvent(t, f.ctx, "msec.consortium.v1.EventMemberAdded")

	_, err = srv.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: types.Params{}})
	require.ErrorIs(t, err, types.ErrInvalidParams)
}

func TestQueries(t *testing.T) {
	f := withMembers(t, 4)
	q := keeper.NewQueryServerImpl(f.k)

	members, err := q.Members(f.ctx, &types.QueryMembersRequest{})
	require.NoError(t, err)
	require.Len(t, members.Members, 4)

	one, err := q.Member(f.ctx, &types.QueryMemberRequest{Address: member(2, 10).Address})
	require.NoError(t, err)
	require.Equal(t, "Member 2", one.Member.Name)
	_, err = q.Member(f.ctx, &types.QueryMemberRequest{Address: member(9, 10).Address})
	require.Error(t, err)
	_, err = q.Member(f.ctx, &types.QueryMemberRequest{Address: "not-an-address"})
	require.Error(t, err)

	vals, err := q.ValidatorSet(f.ctx, &types.QueryValidatorSetRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, 4)
	require.Equal(t, int64(40), vals.TotalPower)

	allowed, err := q.NodeAllowed(f.ctx, &types.QueryNodeAllowedRequest{NodeId: member(1, 10).NodeIds[0]})
	require.NoError(t, err)
	require.True(t, allowed.Allowed)
	require.Equal(t, member(1, 10).Address, allowed.Owner)
	_, err = q.NodeAllowed(f.ctx, &types.QueryNodeAllowedRequest{NodeId: "zz"})
	require.Error(t, err)

	params, err := q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)
}
