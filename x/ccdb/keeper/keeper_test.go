package keeper_test

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb"
	"github.com/msec-city/msec/x/ccdb/keeper"
	"github.com/msec-city/msec/x/ccdb/types"
)

var (
	addressCodec = address.NewBech32Codec("msec")
	authority    = addr(authtypes.NewModuleAddress("gov"))

	margaret = account("margaret")
	nurse    = account("nurse")
	son      = account("son")
	stranger = account("stranger")
	hospital = account("hospital")
	utility  = account("utility")
	city     = account("city-office")
)

// genesisTime is the block time of the first test block.
var genesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func addr(bz []byte) string {
	s, err := addressCodec.BytesToString(bz)
	if err != nil {
		panic(err)
	}
	return s
}

func account(name string) string {
	h := sha256.Sum256([]byte("account/" + name))
	return addr(h[:20])
}

func mustBytes(t *testing.T, a string) sdk.AccAddress {
	t.Helper()
	bz, err := addressCodec.StringToBytes(a)
	require.NoError(t, err)
	return bz
}

// custodians is the consortium as x/ccdb sees it: a set of active members.
type custodians map[string]bool

func (c custodians) IsActiveMember(_ context.Context, a sdk.AccAddress) (bool, error) {
	return c[addr(a)], nil
}

func (c custodians) ActiveMemberCount(context.Context) (uint64, error) { return uint64(len(c)), nil }

type fixture struct {
	k          keeper.Keeper
	ms         types.MsgServer
	qs         types.QueryServer
	ctx        sdk.Context
	custodians custodians
}

// setup returns a keeper with default params at block 1, whose consortium
// has three active members.
func setup(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test"))
	enc := moduletestutil.MakeTestEncodingConfig(ccdb.AppModule{})
	c := custodians{hospital: true, utility: true, city: true}
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), addressCodec, authority, c)
	ctx := tctx.Ctx.WithBlockHeight(1).WithBlockTime(genesisTime)
	require.NoError(t, k.Params.Set(ctx, types.DefaultParams()))
	return &fixture{k: k, ms: keeper.NewMsgServerImpl(k), qs: keeper.NewQueryServerImpl(k), ctx: ctx, custodians: c}
}

// next moves to the next block, d later.
func (f *fixture) next(d time.Duration) {
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1).WithBlockTime(f.ctx.BlockTime().Add(d))
}

// endBlock runs EndBlock and moves to the next block.
func (f *fixture) endBlock(t *testing.T) {
	t.Helper()
	require.NoError(t, f.k.EndBlock(f.ctx))
	f.next(time.Second)
}

func (f *fixture) setParams(t *testing.T, change func(*types.Params)) {
	t.Helper()
	p := types.DefaultParams()
	change(&p)
	require.NoError(t, f.k.Params.Set(f.ctx, p))
}

// publicKey is a real encryption public key, one per (name, suite).
func publicKey(t *testing.T, name string, suite envelope.Suite) []byte {
	t.Helper()
	const mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
	k, err := envelope.DeriveKey(mnemonic, name, suite)
	require.NoError(t, err)
	return k.Public().Bytes()
}

func (f *fixture) registerKey(t *testing.T, owner string) {
	t.Helper()
	_, err := f.k.RegisterEncryptionKey(f.ctx, &types.MsgRegisterEncryptionKey{Owner: owner, PublicKey: publicKey(t, owner, envelope.SuiteX25519)})
	require.NoError(t, err)
}

// withKeys is setup with encryption keys for the story's people.
func withKeys(t *testing.T) *fixture {
	f := setup(t)
	for _, a := range []string{margaret, nurse, son, stranger} {
		f.registerKey(t, a)
	}
	return f
}

// commitment stands for the SHA-256 of an envelope.
func commitment(label string) []byte {
	h := sha256.Sum256([]byte("envelope/" + label))
	return h[:]
}

// ciphertext returns the CID, SHA-256 and size of some ciphertext bytes.
func ciphertext(t *testing.T, label string) (string, []byte, uint64) {
	t.Helper()
	data := []byte("ciphertext/" + label)
	mh, err := multihash.Sum(data, multihash.SHA2_256, -1)
	require.NoError(t, err)
	h := sha256.Sum256(data)
	return cid.NewCidV1(cid.Raw, mh).String(), h[:], uint64(len(data))
}

// putMsg is a valid MsgPutRecord of owner.
func putMsg(t *testing.T, owner, label string, tags []string, envs ...types.GranteeEnvelope) *types.MsgPutRecord {
	c, h, size := ciphertext(t, label)
	return &types.MsgPutRecord{
		Owner: owner, Cid: c, CiphertextSha256: h, Size_: size, ContentType: "application/json", Tags: tags,
		EncryptionSuite: types.ENCRYPTION_SUITE_STREAM_V1_AES256GCM, OwnerEnvelopeCommitment: commitment(label + "/owner"),
		Envelopes: envs,
	}
}

func (f *fixture) put(t *testing.T, owner, label string, tags []string, envs ...types.GranteeEnvelope) uint64 {
	t.Helper()
	id, err := f.k.PutRecord(f.ctx, putMsg(t, owner, label, tags, envs...))
	require.NoError(t, err)
	return id
}

func updateMsg(t *testing.T, owner string, recordID uint64, label string, envs ...types.GranteeEnvelope) *types.MsgUpdateRecord {
	c, h, size := ciphertext(t, label)
	return &types.MsgUpdateRecord{
		Owner: owner, RecordId: recordID, Cid: c, CiphertextSha256: h, Size_: size,
		EncryptionSuite: types.ENCRYPTION_SUITE_STREAM_V1_CHACHA20POLY1305, OwnerEnvelopeCommitment: commitment(label + "/owner"),
		Envelopes: envs,
	}
}

// grantMsg is a valid 30-day care grant of one record.
func (f *fixture) grantMsg(owner, grantee string, recordID, version uint64) *types.MsgGrantAccess {
	return &types.MsgGrantAccess{
		Owner: owner, Grantee: grantee, Scope: types.GrantScope{RecordId: recordID},
		Purpose: "home care", PurposeCode: types.PURPOSE_CODE_CARE,
		ExpiresAt: f.ctx.BlockTime().Add(30 * 24 * time.Hour),
		Envelopes: []types.RecordEnvelope{{RecordId: recordID, Version: version, Commitment: commitment(grantee)}},
	}
}

func (f *fixture) grant(t *testing.T, msg *types.MsgGrantAccess) uint64 {
	t.Helper()
	id, err := f.k.GrantAccess(f.ctx, msg)
	require.NoError(t, err)
	return id
}

func readMsg(reader string, recordID, grantID uint64) *types.MsgAccessRecord {
	return &types.MsgAccessRecord{Reader: reader, RecordId: recordID, GrantId: grantID, PurposeCode: types.PURPOSE_CODE_CARE}
}

func (f *fixture) getGrant(t *testing.T, id uint64) types.Grant {
	t.Helper()
	g, err := f.k.GetGrant(f.ctx, id)
	require.NoError(t, err)
	return g
}

func (f *fixture) getRecord(t *testing.T, id uint64) types.Record {
	t.Helper()
	r, err := f.k.GetRecord(f.ctx, id)
	require.NoError(t, err)
	return r
}

// trailKinds lists a record's trail entry kinds in order.
func (f *fixture) trailKinds(t *testing.T, recordID uint64) []types.TrailEventKind {
	t.Helper()
	var kinds []types.TrailEventKind
	for _, e := range f.trail(t, recordID) {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

// trail lists a record's trail entries in order.
func (f *fixture) trail(t *testing.T, recordID uint64) []types.TrailEntry {
	t.Helper()
	var entries []types.TrailEntry
	last, err := f.k.LastTrailSequence.Peek(f.ctx)
	require.NoError(t, err)
	require.NoError(t, f.k.Trail.Walk(f.ctx, collections.NewPrefixedPairRange[uint64, uint64](recordID),
		func(key collections.Pair[uint64, uint64], e types.TrailEntry) (bool, error) {
			require.Equal(t, key.K2(), e.Sequence, "an entry is stored under its sequence")
			require.LessOrEqual(t, e.Sequence, last, "sequences come from the chain-wide counter")
			entries = append(entries, e)
			return false, nil
		}))
	return entries
}

// story is Margaret's record 1, granted to her nurse as grant 1.
func story(t *testing.T) (*fixture, uint64, uint64) {
	f := withKeys(t)
	id := f.put(t, margaret, "home-sensors-2026-01", []string{"home-sensors"})
	g := f.grant(t, f.grantMsg(margaret, nurse, id, 1))
	return f, id, g
}

func pair[A, B any](a A, b B) collections.Pair[A, B] { return collections.Join(a, b) }

func timeKey(t time.Time) int64 { return t.UnixNano() }

// requireRefused checks err is want, and that it reaches clients with want's
// codespace and code, not as an internal error.
func requireRefused(t *testing.T, err, want error, msgAndArgs ...any) {
	t.Helper()
	require.ErrorIs(t, err, want, msgAndArgs...)
	space, code, _ := errorsmod.ABCIInfo(err, false)
	wantSpace, wantCode, _ := errorsmod.ABCIInfo(want, false)
	require.Equal(t, wantSpace, space, "codespace of %v", err)
	require.Equal(t, wantCode, code, "code of %v", err)
}
