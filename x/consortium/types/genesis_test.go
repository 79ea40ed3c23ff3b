package types_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/msec-city/msec/x/consortium/types"
)

var ac = address.NewBech32Codec("msec")

func testMember(i int) types.Member {
	seed := sha256.Sum256([]byte(fmt.Sprintf("m%d", i)))
	node := sha256.Sum256([]byte(fmt.Sprintf("n%d", i)))
	addr, err := ac.BytesToString(seed[:20])
	if err != nil {
		panic(err)
	}
	return types.Member{
		Address: addr, Name: fmt.Sprintf("Org %d", i), NodeIds: []string{hex.EncodeToString(node[:20])},
		ConsensusPubkey: ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey),
		Power:           10, Status: types.MEMBER_STATUS_ACTIVE,
	}
}

func TestGenesisValidate(t *testing.T) {
	valid := func() types.GenesisState {
		gs := *types.DefaultGenesis()
		gs.Members = []types.Member{testMember(0), testMember(1)}
		gs.ObserverNodes = []types.ObserverNode{{NodeId: testMember(5).NodeIds[0], Owner: testMember(5).Address, Purpose: "auditor"}}
		return gs
	}
	require.NoError(t, valid().Validate(ac))

	cases := map[string]struct {
		mutate  func(*types.GenesisState)
		want    error
		mention string
	}{
		"no members":           {func(g *types.GenesisState) { g.Members = nil }, types.ErrInvalidGenesis, "no members"},
		"zero power":           {func(g *types.GenesisState) { g.Members[0].Power, g.Members[1].Power = 0, 0 }, types.ErrZeroTotalPower, "total power is 0"},
		"duplicate member":     {func(g *types.GenesisState) { g.Members[1] = g.Members[0] }, types.ErrMemberExists, g0addr()},
		"shared key":           {func(g *types.GenesisState) { g.Members[1].ConsensusPubkey = g.Members[0].ConsensusPubkey }, types.ErrDuplicateConsKey, "share a consensus key"},
		"shared node":          {func(g *types.GenesisState) { g.Members[1].NodeIds = g.Members[0].NodeIds }, types.ErrDuplicateNodeID, g0node()},
		"observer on member":   {func(g *types.GenesisState) { g.ObserverNodes[0].NodeId = g.Members[0].NodeIds[0] }, types.ErrDuplicateNodeID, g0node()},
		"bad key length":       {func(g *types.GenesisState) { g.Members[0].ConsensusPubkey = []byte{1, 2} }, types.ErrInvalidConsKey, "Org 0"},
		"bad node ID":          {func(g *types.GenesisState) { g.Members[1].NodeIds = []string{"xyz"} }, types.ErrInvalidNodeID, "Org 1"},
		"suspended with power": {func(g *types.GenesisState) { g.Members[0].Status = types.MEMBER_STATUS_SUSPENDED }, types.ErrInvalidMember, "suspended"},
		"no status":            {func(g *types.GenesisState) { g.Members[0].Status = types.MEMBER_STATUS_UNSPECIFIED }, types.ErrInvalidMember, "status"},
		"bad params":           {func(g *types.GenesisState) { g.Params.MaxMembers = 0 }, types.ErrInvalidParams, "max_members"},
		"too many members":     {func(g *types.GenesisState) { g.Params.MaxMembers = 1 }, types.ErrInvalidGenesis, "max_members"},
		"observer no purpose":  {func(g *types.GenesisState) { g.ObserverNodes[0].Purpose = "" }, types.ErrInvalidObserver, "purpose"},
		"bad misbehaviour":     {func(g *types.GenesisState) { g.Misbehaviours = []types.Misbehaviour{{}} }, types.ErrInvalidGenesis, "misbehaviour 0"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			gs := valid()
			tc.mutate(&gs)
			err := gs.Validate(ac)
			require.ErrorIs(t, err, tc.want)
			require.Contains(t, err.Error(), tc.mention)
		})
	}
}

func g0addr() string { return testMember(0).Address }
func g0node() string { return testMember(0).NodeIds[0] }
