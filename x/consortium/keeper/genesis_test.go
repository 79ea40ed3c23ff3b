package keeper_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/consortium/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := withMembers(t, 3)
	require.NoError(t, f.k.RegisterObserverNode(f.ctx, types.ObserverNode{
		NodeId: member(30, 0).NodeIds[0], Owner: member(30, 0).Address, Purpose: "auditor",
	}))
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Len(t, exported.Members, 3)
	require.Len(t, exported.ObserverNodes, 1)

	g := setup(t)
	updates, err := g.k.InitGenesis(g.ctx, exported)
	require.NoError(t, err)
	require.Len(t, updates, 3)
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
}

func TestInitGenesisUpdatesAreOrdered(t *testing.T) {
	f := setup(t)
	gs := types.DefaultGenesis()
	for i := 0; i < 6; i++ {
		gs.Members = append(gs.Members, member(i, int64(i+1)))
	}
	updates, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)
	require.Len(t, updates, 6)
	var prev []byte
	for _, u := range updates {
		addr := types.ConsensusAddress(u.PubKey.GetEd25519())
		if prev != nil {
			require.Negative(t, bytes.Compare(prev, addr), "updates not in consensus-address order")
		}
		prev = addr
	}
}
