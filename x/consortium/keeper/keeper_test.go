package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/x/consortium"
	"github.com/msec-city/msec/x/consortium/keeper"
	"github.com/msec-city/msec/x/consortium/types"
)

var (
	addressCodec = address.NewBech32Codec("msec")
	authority    = mustAddr(authtypes.NewModuleAddress("gov"))
)

func mustAddr(bz []byte) string {
	s, err := addressCodec.BytesToString(bz)
	if err != nil {
		panic(err)
	}
	return s
}

type fixture struct {
	k   keeper.Keeper
	ctx sdk.Context
}

func setup(t *testing.T) fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test"))
	enc := moduletestutil.MakeTestEncodingConfig(consortium.AppModule{})
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), addressCodec, authority,
		runtime.ProvideCometInfoService())
	ctx := tctx.Ctx.WithBlockHeight(1)
	require.NoError(t, k.Params.Set(ctx, types.DefaultParams()))
	return fixture{k: k, ctx: ctx}
}

// member builds a valid member whose keys derive from i.
func member(i int, power int64) types.Member {
	seed := sha256.Sum256([]byte(fmt.Sprintf("member-%d", i)))
	pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
	node := sha256.Sum256([]byte(fmt.Sprintf("node-%d", i)))
	return types.Member{
		Address:         mustAddr(seed[:20]),
		Name:            fmt.Sprintf("Member %d", i),
		NodeIds:         []string{hex.EncodeToString(node[:20])},
		ConsensusPubkey: pub,
		Power:           power,
		Status:          types.MEMBER_STATUS_ACTIVE,
	}
}

// withMembers creates n members of power 10 and hands them to CometBFT, as
// InitGenesis would, then moves to the next block.
func withMembers(t *testing.T, n int) fixture {
	t.Helper()
	f := setup(t)
	gs := types.DefaultGenesis()
	for i := 0; i < n; i++ {
		gs.Members = append(gs.Members, member(i, 10))
	}
	updates, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)
	require.Len(t, updates, n)
	f.ctx = f.ctx.WithBlockHeight(2)
	return f
}

func (f fixture) endBlock(t *testing.T) int {
	t.Helper()
	updates, err := f.k.ApplyValidatorSetChanges(f.ctx)
	require.NoError(t, err)
	return len(updates)
}
