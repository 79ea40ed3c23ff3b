package keeper_test

import (
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multibase"
	"github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

func TestPutRecord(t *testing.T) {
	f := withKeys(t)
	msg := putMsg(t, margaret, "export", []string{"home-sensors", "2026"})
	id, err := f.k.PutRecord(f.ctx, msg)
	require.NoError(t, err)
	require.Equal(t, uint64(1), id)

	res, err := f.qs.Record(f.ctx, &types.QueryRecordRequest{RecordId: id})
	require.NoError(t, err)
	r, v := res.Record, res.Current
	require.Equal(t, types.RECORD_STATUS_ACTIVE, r.Status)
	require.Equal(t, uint64(1), r.Version)
	require.Equal(t, []string{"home-sensors", "2026"}, r.Tags)
	require.Equal(t, int64(1), r.CreatedHeight)
	require.Equal(t, genesisTime, r.CreatedTime)
	require.Equal(t, msg.Cid, v.Cid)
	require.Equal(t, msg.CiphertextSha256, v.CiphertextSha256)
	require.Equal(t, msg.OwnerEnvelopeCommitment, v.OwnerEnvelopeCommitment)
	require.Equal(t, uint64(1), v.OwnerKeyIndex)
	require.Zero(t, v.PreviousVersion)
	require.Equal(t, []types.TrailEventKind{types.TRAIL_EVENT_KIND_RECORD_PUT}, f.trailKinds(t, id))

	second := f.put(t, margaret, "other", []string{"2026"})
	require.Equal(t, uint64(2), second, "record IDs are a sequence")
	byTag, err := f.qs.RecordsByTag(f.ctx, &types.QueryRecordsByTagRequest{Tag: "2026"})
	require.NoError(t, err)
	require.Len(t, byTag.Records, 2)
	byTag, err = f.qs.RecordsByTag(f.ctx, &types.QueryRecordsByTagRequest{Tag: "home-sensors", Owner: margaret})
	require.NoError(t, err)
	require.Len(t, byTag.Records, 1)
	byOwner, err := f.qs.RecordsByOwner(f.ctx, &types.QueryRecordsByOwnerRequest{Owner: margaret})
	require.NoError(t, err)
	require.Len(t, byOwner.Records, 2)
}

// cidOf builds a CID of data with the given version, codec and hash.
func cidOf(t *testing.T, version int, codec uint64, hash uint64, length int) string {
	mh, err := multihash.Sum([]byte("data"), hash, length)
	require.NoError(t, err)
	if version == 0 {
		return cid.NewCidV0(mh).String()
	}
	return cid.NewCidV1(codec, mh).String()
}

func TestPutRecordRefusals(t *testing.T) {
	valid := cidOf(t, 1, cid.Raw, multihash.SHA2_256, -1)
	base58, err := cid.MustParse(valid).StringOfBase(multibase.Base58BTC)
	require.NoError(t, err)
	cases := map[string]struct {
		mutate func(*types.MsgPutRecord)
		want   error
	}{
		"garbage CID":            {func(m *types.MsgPutRecord) { m.Cid = "not-a-cid" }, types.ErrInvalidCID},
		"CIDv0":                  {func(m *types.MsgPutRecord) { m.Cid = cidOf(t, 0, 0, multihash.SHA2_256, -1) }, types.ErrInvalidCID},
		"dag-cbor CID":           {func(m *types.MsgPutRecord) { m.Cid = cidOf(t, 1, cid.DagCBOR, multihash.SHA2_256, -1) }, types.ErrInvalidCID},
		"sha2-512 CID":           {func(m *types.MsgPutRecord) { m.Cid = cidOf(t, 1, cid.Raw, multihash.SHA2_512, -1) }, types.ErrInvalidCID},
		"truncated sha2-256 CID": {func(m *types.MsgPutRecord) { m.Cid = cidOf(t, 1, cid.Raw, multihash.SHA2_256, 20) }, types.ErrInvalidCID},
		"base58 CIDv1":           {func(m *types.MsgPutRecord) { m.Cid = base58 }, types.ErrInvalidCID},
		"short hash":             {func(m *types.MsgPutRecord) { m.CiphertextSha256 = m.CiphertextSha256[:31] }, types.ErrInvalidHash},
		"no hash":                {func(m *types.MsgPutRecord) { m.CiphertextSha256 = nil }, types.ErrInvalidHash},
		"zero size":              {func(m *types.MsgPutRecord) { m.Size_ = 0 }, types.ErrInvalidSize},
		"short owner commitment": {func(m *types.MsgPutRecord) { m.OwnerEnvelopeCommitment = []byte{1} }, types.ErrInvalidCommitment},
		"no suite":               {func(m *types.MsgPutRecord) { m.EncryptionSuite = types.ENCRYPTION_SUITE_UNSPECIFIED }, types.ErrInvalidSuite},
		"unknown suite":          {func(m *types.MsgPutRecord) { m.EncryptionSuite = 7 }, types.ErrInvalidSuite},
		"control char in type":   {func(m *types.MsgPutRecord) { m.ContentType = "text/plain\n" }, types.ErrInvalidContentType},
		"long content type":      {func(m *types.MsgPutRecord) { m.ContentType = strings.Repeat("a", 129) }, types.ErrInvalidContentType},
		"padded content type":    {func(m *types.MsgPutRecord) { m.ContentType = " text/plain" }, types.ErrInvalidContentType},
		"too many tags":          {func(m *types.MsgPutRecord) { m.Tags = strings.Split("a b c d e f g h i", " ") }, types.ErrTooManyTags},
		"upper-case tag":         {func(m *types.MsgPutRecord) { m.Tags = []string{"Home"} }, types.ErrInvalidTag},
		"tag with space":         {func(m *types.MsgPutRecord) { m.Tags = []string{"home sensors"} }, types.ErrInvalidTag},
		"tag starting with dash": {func(m *types.MsgPutRecord) { m.Tags = []string{"-home"} }, types.ErrInvalidTag},
		"long tag":               {func(m *types.MsgPutRecord) { m.Tags = []string{strings.Repeat("a", 33)} }, types.ErrInvalidTag},
		"empty tag":              {func(m *types.MsgPutRecord) { m.Tags = []string{""} }, types.ErrInvalidTag},
		"duplicate tag":          {func(m *types.MsgPutRecord) { m.Tags = []string{"a", "a"} }, types.ErrInvalidTag},
		"bad owner":              {func(m *types.MsgPutRecord) { m.Owner = "msec1nope" }, types.ErrInvalidAddress},
		"owner without key":      {func(m *types.MsgPutRecord) { m.Owner = hospital }, types.ErrNoEncryptionKey},
		"envelope for the owner": {func(m *types.MsgPutRecord) {
			m.Envelopes = []types.GranteeEnvelope{{Grantee: margaret, Commitment: commitment("x")}}
		}, types.ErrUnexpectedEnvelope},
		"envelope for no grantee": {func(m *types.MsgPutRecord) {
			m.Envelopes = []types.GranteeEnvelope{{Grantee: nurse, Commitment: commitment("x")}}
		}, types.ErrUnexpectedEnvelope},
		"envelope twice": {func(m *types.MsgPutRecord) {
			m.Envelopes = []types.GranteeEnvelope{{Grantee: nurse, Commitment: commitment("x")}, {Grantee: nurse, Commitment: commitment("y")}}
		}, types.ErrDuplicateEnvelope},
		"bad envelope grantee": {func(m *types.MsgPutRecord) {
			m.Envelopes = []types.GranteeEnvelope{{Grantee: "nurse", Commitment: commitment("x")}}
		}, types.ErrInvalidAddress},
		"short envelope commitment": {func(m *types.MsgPutRecord) {
			m.Envelopes = []types.GranteeEnvelope{{Grantee: nurse, Commitment: []byte("short")}}
		}, types.ErrInvalidCommitment},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := withKeys(t)
			msg := putMsg(t, margaret, "export", []string{"home-sensors"})
			tc.mutate(msg)
			_, err := f.k.PutRecord(f.ctx, msg)
			requireRefused(t, err, tc.want)
			last, err := f.k.LastRecordID.Peek(f.ctx)
			require.NoError(t, err)
			require.Zero(t, last, "a refused put leaves nothing behind")
		})
	}
}

func TestUpdateRecordAddsLinkedVersion(t *testing.T) {
	f, id, grantID := story(t)
	f.next(0)
	// The nurse's live grant needs an envelope of the new version.
	version, err := f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2",
		types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("nurse/v2")}))
	require.NoError(t, err)
	require.Equal(t, uint64(2), version)

	r := f.getRecord(t, id)
	require.Equal(t, uint64(2), r.Version)
	require.Equal(t, int64(2), r.UpdatedHeight)
	require.Equal(t, int64(1), r.CreatedHeight)
	versions, err := f.qs.RecordVersions(f.ctx, &types.QueryRecordVersionsRequest{RecordId: id})
	require.NoError(t, err)
	require.Len(t, versions.Versions, 2)
	require.Equal(t, uint64(1), versions.Versions[1].PreviousVersion)
	require.NotEqual(t, versions.Versions[0].Cid, versions.Versions[1].Cid)

	env, err := f.qs.EnvelopeCommitment(f.ctx, &types.QueryEnvelopeCommitmentRequest{RecordId: id, Version: 2, Grantee: nurse})
	require.NoError(t, err)
	require.Equal(t, commitment("nurse/v2"), env.Envelope.Commitment)
	require.Equal(t, grantID, env.Envelope.GrantEpoch)

	// The nurse can read the new version under her grant.
	receipt, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.Equal(t, uint64(2), receipt.Version, "version 0 reads the current version")
	require.Equal(t, commitment("nurse/v2"), receipt.EnvelopeCommitment)

	require.Equal(t, []types.TrailEventKind{
		types.TRAIL_EVENT_KIND_RECORD_PUT, types.TRAIL_EVENT_KIND_GRANT_CREATED,
		types.TRAIL_EVENT_KIND_RECORD_UPDATED, types.TRAIL_EVENT_KIND_RECORD_ACCESSED,
	}, f.trailKinds(t, id))
}

func TestUpdateRecordRefusals(t *testing.T) {
	nurseEnv := types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("nurse/v2")}
	cases := map[string]struct {
		prepare func(*testing.T, *fixture, uint64)
		msg     func(*testing.T, uint64) *types.MsgUpdateRecord
		want    error
	}{
		"unknown record": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, margaret, id+1, "v2", nurseEnv)
		}, types.ErrRecordNotFound},
		"record ID 0": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, margaret, 0, "v2", nurseEnv)
		}, types.ErrRecordNotFound},
		"not the owner": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, son, id, "v2", nurseEnv)
		}, types.ErrNotOwner},
		"missing envelope of a live grantee": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, margaret, id, "v2")
		}, types.ErrMissingEnvelope},
		"envelope for a reader without a grant": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, margaret, id, "v2", nurseEnv, types.GranteeEnvelope{Grantee: son, Commitment: commitment("son")})
		}, types.ErrUnexpectedEnvelope},
		"bad CID": {nil, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			m := updateMsg(t, margaret, id, "v2", nurseEnv)
			m.Cid = "bafy"
			return m
		}, types.ErrInvalidCID},
		"erase pending": {func(t *testing.T, f *fixture, id uint64) {
			require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
		}, func(t *testing.T, id uint64) *types.MsgUpdateRecord {
			return updateMsg(t, margaret, id, "v2", nurseEnv)
		}, types.ErrRecordNotActive},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, id, _ := story(t)
			if tc.prepare != nil {
				tc.prepare(t, f, id)
			}
			_, err := f.k.UpdateRecord(f.ctx, tc.msg(t, id))
			requireRefused(t, err, tc.want)
			require.Equal(t, uint64(1), f.getRecord(t, id).Version)
		})
	}
}

func TestRevokedReaderNeedsNoEnvelopeOfTheNextVersion(t *testing.T) {
	f, id, grantID := story(t)
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID}))
	// Re-keying after the revocation: the nurse is no longer a reader, and
	// sealing the new data key to her is refused.
	_, err := f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2", types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("n")}))
	requireRefused(t, err, types.ErrUnexpectedEnvelope)
	_, err = f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2"))
	require.NoError(t, err)
}
