package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/consortium/types"
)

func TestActiveMembers(t *testing.T) {
	f := withMembers(t, 4)
	count := func() uint64 {
		n, err := f.k.ActiveMemberCount(f.ctx)
		require.NoError(t, err)
		return n
	}
	active := func(addr string) bool {
		ok, err := f.k.IsActiveMember(f.ctx, mustBytes(t, addr))
		require.NoError(t, err)
		return ok
	}
	require.Equal(t, uint64(4), count())
	require.True(t, active(member(0, 10).Address))
	require.False(t, active(member(9, 10).Address), "not a member")

	// A suspended member is no longer active.
	suspended := member(1, 10)
	suspended.Power, suspended.Status = 0, types.MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.k.Members.Set(f.ctx, mustBytes(t, suspended.Address), suspended))
	require.False(t, active(suspended.Address))
	require.Equal(t, uint64(3), count())
	f.endBlock(t) // hand the suspension to CometBFT before the next change

	// Neither is a removed one.
	require.NoError(t, f.k.RemoveMember(f.ctx, member(2, 10).Address))
	require.False(t, active(member(2, 10).Address))
	require.Equal(t, uint64(2), count())
}
