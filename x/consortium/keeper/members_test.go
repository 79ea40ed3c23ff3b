package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

func TestAddMember(t *testing.T) {
	f := withMembers(t, 4)
	m := member(4, 10)
	require.NoError(t, f.k.AddMember(f.ctx, m))

	got, err := f.k.GetMember(f.ctx, mustBytes(t, m.Address))
	require.NoError(t, err)
	require.Equal(t, types.MEMBER_STATUS_ACTIVE, got.Status)
	require.Equal(t, int64(2), got.JoinedHeight)

	allowed, role, owner, err := f.k.NodeAllowed(f.ctx, m.NodeIds[0])
	require.NoError(t, err)
	require.True(t, allowed)
	require.Equal(t, "member", role)
	require.Equal(t, m.Address, owner)
}

func TestAddMemberRefusals(t *testing.T) {
	base := member(4, 10)
	existing := member(0, 10)
	cases := map[string]struct {
		mutate func(*types.Member)
		want   error
	}{
		"same address":          {func(m *types.Member) { m.Address = existing.Address }, types.ErrMemberExists},
		"node ID taken":         {func(m *types.Member) { m.NodeIds = existing.NodeIds }, types.ErrDuplicateNodeID},
		"consensus key taken":   {func(m *types.Member) { m.ConsensusPubkey = existing.ConsensusPubkey }, types.ErrDuplicateConsKey},
		"short key":             {func(m *types.Member) { m.ConsensusPubkey = m.ConsensusPubkey[:31] }, types.ErrInvalidConsKey},
		"upper-case node ID":    {func(m *types.Member) { m.NodeIds = []string{"ABCDEF0123456789ABCDEF0123456789ABCDEF01"} }, types.ErrInvalidNodeID},
		"node ID twice":         {func(m *types.Member) { m.NodeIds = []string{m.NodeIds[0], m.NodeIds[0]} }, types.ErrDuplicateNodeID},
		"negative power":        {func(m *types.Member) { m.Power = -1 }, types.ErrInvalidPower},
		"huge power":            {func(m *types.Member) { m.Power = types.MaxMemberPower + 1 }, types.ErrInvalidPower},
		"empty name":            {func(m *types.Member) { m.Name = "" }, types.ErrInvalidMember},
		"control char in name":  {func(m *types.Member) { m.Name = "bad\x00name" }, types.ErrInvalidMember},
		"bad address":           {func(m *types.Member) { m.Address = "cosmos1xyz" }, types.ErrInvalidAddress},
		"power change over 1/3": {func(m *types.Member) { m.Power = 14 }, types.ErrPowerChangeTooBig},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := withMembers(t, 4)
			m := base
			m.NodeIds = append([]string(nil), base.NodeIds...)
			tc.mutate(&m)
			err := f.k.AddMember(f.ctx, m)
			require.ErrorIs(t, err, tc.want)
			// A refused change leaves nothing behind.
			count := 0
			require.NoError(t, f.k.Members.Walk(f.ctx, nil, func(_ sdk.AccAddress, _ types.Member) (bool, error) {
				count++
				return false, nil
			}))
			require.Equal(t, 4, count)
			if len(m.NodeIds) > 0 && m.NodeIds[0] == base.NodeIds[0] {
				allowed, _, _, err := f.k.NodeAllowed(f.ctx, base.NodeIds[0])
				require.NoError(t, err)
				require.False(t, allowed)
			}
		})
	}
}

func TestMemberLimit(t *testing.T) {
	f := withMembers(t, 4)
	params := types.DefaultParams()
	params.MaxMembers = 4
	require.NoError(t, f.k.Params.Set(f.ctx, params))
	require.ErrorIs(t, f.k.AddMember(f.ctx, member(4, 1)), types.ErrTooManyMembers)
}

func TestPowerChangeIsCumulativeWithinABlock(t *testing.T) {
	f := withMembers(t, 4) // total 40: at most 13 may change per block
	require.NoError(t, f.k.AddMember(f.ctx, member(4, 10)))
	require.ErrorIs(t, f.k.AddMember(f.ctx, member(5, 10)), types.ErrPowerChangeTooBig)

	// Once the block ends, the new set (total 50) is the reference.
	require.Equal(t, 1, f.endBlock(t))
	f.ctx = f.ctx.WithBlockHeight(3)
	require.NoError(t, f.k.AddMember(f.ctx, member(5, 10)))
}

func TestTotalPowerMustStayAboveZero(t *testing.T) {
	f := withMembers(t, 1)
	err := f.k.RemoveMember(f.ctx, member(0, 10).Address)
	require.ErrorIs(t, err, types.ErrZeroTotalPower)

	m := member(0, 10)
	err = f.k.UpdateMember(f.ctx, &types.MsgUpdateMember{Address: m.Address, Name: m.Name, NodeIds: m.NodeIds, Power: 0})
	require.ErrorIs(t, err, types.ErrZeroTotalPower)
}

func TestUpdateMember(t *testing.T) {
	f := withMembers(t, 4)
	m := member(1, 10)
	newKey := member(9, 0).ConsensusPubkey
	newNode := member(9, 0).NodeIds[0]
	require.NoError(t, f.k.UpdateMember(f.ctx, &types.MsgUpdateMember{
		Address: m.Address, Name: "Renamed", NodeIds: []string{newNode}, ConsensusPubkey: newKey, Power: 12,
	}))
	got, err := f.k.GetMember(f.ctx, mustBytes(t, m.Address))
	require.NoError(t, err)
	require.Equal(t, "Renamed", got.Name)
	require.Equal(t, []byte(newKey), got.ConsensusPubkey)
	require.Equal(t, int64(12), got.Power)

	// The old node ID is free again, the new one is the member's.
	allowed, _, _, err := f.k.NodeAllowed(f.ctx, m.NodeIds[0])
	require.NoError(t, err)
	require.False(t, allowed)
	allowed, _, owner, err := f.k.NodeAllowed(f.ctx, newNode)
	require.NoError(t, err)
	require.True(t, allowed)
	require.Equal(t, m.Address, owner)

	// CometBFT gets the removal of the old key and the new key; the guard
	// counted the rotation once (12 <= 40/3), not 10 + 12.
	require.Equal(t, 2, f.endBlock(t))
}

func TestUpdateUnknownMember(t *testing.T) {
	f := withMembers(t, 4)
	m := member(7, 10)
	err := f.k.UpdateMember(f.ctx, &types.MsgUpdateMember{Address: m.Address, Name: m.Name, NodeIds: m.NodeIds, Power: 1})
	require.ErrorIs(t, err, types.ErrMemberNotFound)
}

func TestRemoveMember(t *testing.T) {
	f := withMembers(t, 4)
	m := member(2, 10)
	require.NoError(t, f.k.RemoveMember(f.ctx, m.Address))
	_, err := f.k.GetMember(f.ctx, mustBytes(t, m.Address))
	require.ErrorIs(t, err, types.ErrMemberNotFound)
	allowed, _, _, err := f.k.NodeAllowed(f.ctx, m.NodeIds[0])
	require.NoError(t, err)
	require.False(t, allowed)

	updates, err := f.k.ApplyValidatorSetChanges(f.ctx)
	require.NoError(t, err)
	require.Len(t, updates, 1)
	require.Equal(t, int64(0), updates[0].Power)
	vals, total, err := f.k.ValidatorSet(f.ctx)
	require.NoError(t, err)
	require.Len(t, vals, 3)
	require.Equal(t, int64(30), total)
}

func mustBytes(t *testing.T, addr string) []byte {
	t.Helper()
	bz, err := addressCodec.StringToBytes(addr)
	require.NoError(t, err)
	return bz
}
