package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

func TestGrantAccess(t *testing.T) {
	f, id, grantID := story(t)
	g := f.getGrant(t, grantID)
	require.Equal(t, types.GRANT_STATUS_ACTIVE, g.Status)
	require.Equal(t, nurse, g.Grantee)
	require.Equal(t, "home care", g.Purpose)
	require.Equal(t, genesisTime.Add(30*24*time.Hour), g.ExpiresAt)
	require.Zero(t, g.Uses)

	env, err := f.qs.EnvelopeCommitment(f.ctx, &types.QueryEnvelopeCommitmentRequest{RecordId: id, Version: 1, Grantee: nurse})
	require.NoError(t, err)
	require.Equal(t, commitment(nurse), env.Envelope.Commitment)
	require.Equal(t, uint64(1), env.Envelope.RecipientKeyIndex)

	for _, list := range []func() ([]types.Grant, error){
		func() ([]types.Grant, error) {
			r, err := f.qs.GrantsByRecord(f.ctx, &types.QueryGrantsByRecordRequest{RecordId: id})
			return r.GetGrants(), err
		},
		func() ([]types.Grant, error) {
			r, err := f.qs.GrantsByOwner(f.ctx, &types.QueryGrantsByOwnerRequest{Owner: margaret})
			return r.GetGrants(), err
		},
		func() ([]types.Grant, error) {
			r, err := f.qs.GrantsByGrantee(f.ctx, &types.QueryGrantsByGranteeRequest{Grantee: nurse})
			return r.GetGrants(), err
		},
	} {
		grants, err := list()
		require.NoError(t, err)
		require.Len(t, grants, 1)
		require.Equal(t, grantID, grants[0].Id)
	}
	none, err := f.qs.GrantsByGrantee(f.ctx, &types.QueryGrantsByGranteeRequest{Grantee: son})
	require.NoError(t, err)
	require.Empty(t, none.Grants)
}

func TestGrantAccessRefusals(t *testing.T) {
	cases := map[string]struct {
		mutate func(*fixture, *types.MsgGrantAccess)
		want   error
	}{
		"expiry now":           {func(f *fixture, m *types.MsgGrantAccess) { m.ExpiresAt = f.ctx.BlockTime() }, types.ErrInvalidExpiry},
		"expiry in the past":   {func(f *fixture, m *types.MsgGrantAccess) { m.ExpiresAt = f.ctx.BlockTime().Add(-time.Hour) }, types.ErrInvalidExpiry},
		"expiry beyond a year": {func(f *fixture, m *types.MsgGrantAccess) { m.ExpiresAt = f.ctx.BlockTime().Add(366 * 24 * time.Hour) }, types.ErrInvalidExpiry},
		"no expiry":            {func(_ *fixture, m *types.MsgGrantAccess) { m.ExpiresAt = time.Time{} }, types.ErrInvalidExpiry},
		"grant to yourself":    {func(_ *fixture, m *types.MsgGrantAccess) { m.Grantee = margaret }, types.ErrSelfGrant},
		"empty purpose":        {func(_ *fixture, m *types.MsgGrantAccess) { m.Purpose = "  " }, types.ErrInvalidPurpose},
		"long purpose":         {func(_ *fixture, m *types.MsgGrantAccess) { m.Purpose = strings.Repeat("p", 257) }, types.ErrInvalidPurpose},
		"control in purpose":   {func(_ *fixture, m *types.MsgGrantAccess) { m.Purpose = "care\x07" }, types.ErrInvalidPurpose},
		"no purpose code":      {func(_ *fixture, m *types.MsgGrantAccess) { m.PurposeCode = types.PURPOSE_CODE_UNSPECIFIED }, types.ErrInvalidPurpose},
		"unknown purpose code": {func(_ *fixture, m *types.MsgGrantAccess) { m.PurposeCode = 42 }, types.ErrInvalidPurpose},
		"grantee without key":  {func(_ *fixture, m *types.MsgGrantAccess) { m.Grantee = hospital }, types.ErrNoEncryptionKey},
		"bad grantee":          {func(_ *fixture, m *types.MsgGrantAccess) { m.Grantee = "nurse" }, types.ErrInvalidAddress},
		"unknown record": {func(_ *fixture, m *types.MsgGrantAccess) {
			m.Scope.RecordId = 9
			m.Envelopes[0].RecordId = 9
		}, types.ErrRecordNotFound},
		"not the owner":        {func(_ *fixture, m *types.MsgGrantAccess) { m.Owner = son }, types.ErrNotOwner},
		"scope with both":      {func(_ *fixture, m *types.MsgGrantAccess) { m.Scope.Tag = "home-sensors" }, types.ErrInvalidScope},
		"scope with neither":   {func(_ *fixture, m *types.MsgGrantAccess) { m.Scope = types.GrantScope{} }, types.ErrInvalidScope},
		"scope with a bad tag": {func(_ *fixture, m *types.MsgGrantAccess) { m.Scope = types.GrantScope{Tag: "Bad Tag"} }, types.ErrInvalidScope},
		"no envelope":          {func(_ *fixture, m *types.MsgGrantAccess) { m.Envelopes = nil }, types.ErrMissingEnvelope},
		"envelope of a version that does not exist": {func(_ *fixture, m *types.MsgGrantAccess) { m.Envelopes[0].Version = 2 }, types.ErrVersionNotFound},
		"envelope of version 0":                     {func(_ *fixture, m *types.MsgGrantAccess) { m.Envelopes[0].Version = 0 }, types.ErrVersionNotFound},
		"envelope of another record": {func(_ *fixture, m *types.MsgGrantAccess) {
			m.Envelopes = append(m.Envelopes, types.RecordEnvelope{RecordId: 2, Version: 1, Commitment: commitment("other")})
		}, types.ErrUnexpectedEnvelope},
		"envelope twice": {func(_ *fixture, m *types.MsgGrantAccess) {
			m.Envelopes = append(m.Envelopes, m.Envelopes[0])
		}, types.ErrDuplicateEnvelope},
		"short commitment": {func(_ *fixture, m *types.MsgGrantAccess) { m.Envelopes[0].Commitment = commitment("x")[:16] }, types.ErrInvalidCommitment},
		"too many envelopes": {func(f *fixture, m *types.MsgGrantAccess) {
			for v := uint64(2); v <= types.DefaultMaxEnvelopesPerMsg+1; v++ {
				m.Envelopes = append(m.Envelopes, types.RecordEnvelope{RecordId: 1, Version: v, Commitment: commitment("x")})
			}
		}, types.ErrTooManyEnvelopes},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := withKeys(t)
			id := f.put(t, margaret, "export", []string{"home-sensors"})
			f.put(t, son, "son's", nil)
			msg := f.grantMsg(margaret, nurse, id, 1)
			tc.mutate(f, msg)
			_, err := f.k.GrantAccess(f.ctx, msg)
			requireRefused(t, err, tc.want)
			last, err := f.k.LastGrantID.Peek(f.ctx)
			require.NoError(t, err)
			require.Zero(t, last, "a refused grant leaves nothing behind")
		})
	}
}

func TestGrantOnErasePendingRecordRefused(t *testing.T) {
	f := withKeys(t)
	id := f.put(t, margaret, "export", nil)
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	_, err := f.k.GrantAccess(f.ctx, f.grantMsg(margaret, nurse, id, 1))
	requireRefused(t, err, types.ErrRecordNotActive)
}

// tagGrant grants grantee the owner's records with tag; envs are the
// envelopes of the records that already carry it.
func (f *fixture) tagGrantMsg(owner, grantee, tag string, envs ...types.RecordEnvelope) *types.MsgGrantAccess {
	m := f.grantMsg(owner, grantee, 0, 0)
	m.Scope = types.GrantScope{Tag: tag}
	m.Envelopes = envs
	return m
}

func TestTagGrantCoversExistingAndLaterRecords(t *testing.T) {
	f := withKeys(t)
	first := f.put(t, margaret, "jan", []string{"home-sensors"})
	untagged := f.put(t, margaret, "diary", []string{"private"})
	f.put(t, son, "son's", []string{"home-sensors"}) // another owner's tag is not in scope

	// An existing tagged record needs its envelope.
	_, err := f.k.GrantAccess(f.ctx, f.tagGrantMsg(margaret, nurse, "home-sensors"))
	requireRefused(t, err, types.ErrMissingEnvelope)
	_, err = f.k.GrantAccess(f.ctx, f.tagGrantMsg(margaret, nurse, "home-sensors",
		types.RecordEnvelope{RecordId: first, Version: 1, Commitment: commitment("jan")},
		types.RecordEnvelope{RecordId: untagged, Version: 1, Commitment: commitment("diary")}))
	requireRefused(t, err, types.ErrUnexpectedEnvelope, "an untagged record is outside the scope")
	grantID := f.grant(t, f.tagGrantMsg(margaret, nurse, "home-sensors",
		types.RecordEnvelope{RecordId: first, Version: 1, Commitment: commitment("jan")}))

	// A later record with the tag must carry the nurse's envelope...
	_, err = f.k.PutRecord(f.ctx, putMsg(t, margaret, "feb", []string{"home-sensors"}))
	requireRefused(t, err, types.ErrMissingEnvelope)
	require.ErrorContains(t, err, nurse, "the error names the grantee")
	later := f.put(t, margaret, "feb", []string{"home-sensors"}, types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("feb")})

	// ...and is then covered.
	for _, id := range []uint64{first, later} {
		_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
		require.NoError(t, err, "record %d", id)
	}
	_, err = f.k.AccessRecord(f.ctx, readMsg(nurse, untagged, grantID))
	requireRefused(t, err, types.ErrOutOfScope)

	byRecord, err := f.qs.GrantsByRecord(f.ctx, &types.QueryGrantsByRecordRequest{RecordId: later})
	require.NoError(t, err)
	require.Len(t, byRecord.Grants, 1, "grants by record include tag grants")
	covered, err := f.qs.RecordsByGrant(f.ctx, &types.QueryRecordsByGrantRequest{GrantId: grantID})
	require.NoError(t, err)
	require.Len(t, covered.Records, 2)
	require.Equal(t, []uint64{first, later}, []uint64{covered.Records[0].Id, covered.Records[1].Id})
	_, err = f.qs.RecordsByGrant(f.ctx, &types.QueryRecordsByGrantRequest{GrantId: grantID + 1})
	require.ErrorContains(t, err, "NotFound")
	require.Equal(t, []types.TrailEventKind{
		types.TRAIL_EVENT_KIND_RECORD_PUT, types.TRAIL_EVENT_KIND_GRANT_EXTENDED, types.TRAIL_EVENT_KIND_RECORD_ACCESSED,
	}, f.trailKinds(t, later))
}

func TestTagGrantBeyondEnvelopeLimitRefused(t *testing.T) {
	f := withKeys(t)
	f.setParams(t, func(p *types.Params) { p.MaxEnvelopesPerMsg = 2 })
	var envs []types.RecordEnvelope
	for _, label := range []string{"a", "b", "c"} {
		id := f.put(t, margaret, label, []string{"home-sensors"})
		envs = append(envs, types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment(label)})
	}
	_, err := f.k.GrantAccess(f.ctx, f.tagGrantMsg(margaret, nurse, "home-sensors", envs[:2]...))
	requireRefused(t, err, types.ErrTooManyEnvelopes)
}

func TestGrantWithEarlierVersions(t *testing.T) {
	f := withKeys(t)
	id := f.put(t, margaret, "v1", nil)
	_, err := f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2"))
	require.NoError(t, err)
	msg := f.grantMsg(margaret, nurse, id, 2)
	msg.Envelopes = append(msg.Envelopes, types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment("nurse/v1")})
	grantID := f.grant(t, msg)
	for _, v := range []uint64{1, 2} {
		read := readMsg(nurse, id, grantID)
		read.Version = v
		_, err := f.k.AccessRecord(f.ctx, read)
		require.NoError(t, err, "version %d", v)
	}
	read := readMsg(nurse, id, grantID)
	read.Version = 3
	_, err = f.k.AccessRecord(f.ctx, read)
	requireRefused(t, err, types.ErrVersionNotFound)
}

func TestRevokeAccess(t *testing.T) {
	f, id, grantID := story(t)
	f.next(time.Minute)
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID}))
	g := f.getGrant(t, grantID)
	require.Equal(t, types.GRANT_STATUS_REVOKED, g.Status)
	require.Equal(t, int64(2), g.EndedHeight)
	live, err := f.k.LiveRecordGrants.Has(f.ctx, pair(id, grantID))
	require.NoError(t, err)
	require.False(t, live, "a revoked grant leaves the live index")
	queued, err := f.k.ExpiryQueue.Has(f.ctx, pair(timeKey(g.ExpiresAt), grantID))
	require.NoError(t, err)
	require.False(t, queued, "and the expiry queue")

	_, err = f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	requireRefused(t, err, types.ErrGrantRevoked)
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_REVOKED, f.trailKinds(t, id)[2])
}

func TestRevokeAccessRefusals(t *testing.T) {
	cases := map[string]struct {
		msg  types.MsgRevokeAccess
		want error
	}{
		"not the owner": {types.MsgRevokeAccess{Owner: nurse, GrantId: 1}, types.ErrNotOwner},
		"unknown grant": {types.MsgRevokeAccess{Owner: margaret, GrantId: 2}, types.ErrGrantNotFound},
		"grant ID 0":    {types.MsgRevokeAccess{Owner: margaret}, types.ErrGrantNotFound},
		"bad owner":     {types.MsgRevokeAccess{Owner: "x", GrantId: 1}, types.ErrInvalidAddress},
		"already ended": {types.MsgRevokeAccess{Owner: margaret, GrantId: 1}, types.ErrGrantRevoked},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, _, grantID := story(t)
			if name == "already ended" {
				require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID}))
			}
			requireRefused(t, f.k.RevokeAccess(f.ctx, &tc.msg), tc.want)
		})
	}
}

func TestRevokeExpiredGrantRefused(t *testing.T) {
	f, _, grantID := story(t)
	f.next(31 * 24 * time.Hour)
	err := f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID})
	requireRefused(t, err, types.ErrGrantExpired)
}
