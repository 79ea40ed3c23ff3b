package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/consortium/types"
)

func TestObserverNodes(t *testing.T) {
	f := withMembers(t, 4)
	node := member(20, 0).NodeIds[0]
	owner := member(20, 0).Address

	allowed, _, _, err := f.k.NodeAllowed(f.ctx, node)
	require.NoError(t, err)
	require.False(t, allowed)

	require.NoError(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: node, Owner: owner, Purpose: "auditor full node"}))
	allowed, role, gotOwner, err := f.k.NodeAllowed(f.ctx, node)
	require.NoError(t, err)
	require.True(t, allowed)
	require.Equal(t, "observer", role)
	require.Equal(t, owner, gotOwner)

	// Observers never change the validator set.
	require.Equal(t, 0, f.endBlock(t))

	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: node, Owner: owner, Purpose: "again"}),
		types.ErrDuplicateNodeID)
	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: member(0, 0).NodeIds[0], Owner: owner, Purpose: "member's node"}),
		types.ErrDuplicateNodeID)
	// A member cannot claim an observer's node either.
	m := member(5, 1)
	m.NodeIds = []string{node}
	require.ErrorIs(t, f.k.AddMember(f.ctx, m), types.ErrDuplicateNodeID)

	require.NoError(t, f.k.RemoveObserverNode(f.ctx, node))
	allowed, _, _, err = f.k.NodeAllowed(f.ctx, node)
	require.NoError(t, err)
	require.False(t, allowed)
	require.ErrorIs(t, f.k.RemoveObserverNode(f.ctx, node), types.ErrObserverNotFound)
}

func TestObserverValidation(t *testing.T) {
	f := withMembers(t, 1)
	owner := member(20, 0).Address
	node := member(20, 0).NodeIds[0]
	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: "short", Owner: owner, Purpose: "x"}), types.ErrInvalidNodeID)
	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: node, Owner: "nope", Purpose: "x"}), types.ErrInvalidAddress)
	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: node, Owner: owner}), types.ErrInvalidObserver)

	params := types.DefaultParams()
	params.MaxObserverNodes = 0
	require.NoError(t, f.k.Params.Set(f.ctx, params))
	require.ErrorIs(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{NodeId: node, Owner: owner, Purpose: "x"}), types.ErrTooManyObservers)
}
