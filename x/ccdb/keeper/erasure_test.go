package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/msec-city/msec/x/ccdb/types"
)

func attest(custodian string, recordID uint64) *types.MsgAttestErasure {
	return &types.MsgAttestErasure{Custodian: custodian, RecordId: recordID, BlocksDeleted: 3, EnvelopesDeleted: 2, Statement: "unpinned and collected"}
}

func TestErasureNeedsQuorumOfCustodians(t *testing.T) {
	f, id, grantID := story(t)
	tagGrant := f.grant(t, f.tagGrantMsg(margaret, son, "home-sensors",
		types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment(son)}))
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	r := f.getRecord(t, id)
	require.Equal(t, types.RECORD_STATUS_ERASE_PENDING, r.Status)
	require.Equal(t, int64(1), r.EraseRequestedHeight)

	f.next(0)
	erased, err := f.k.AttestErasure(f.ctx, attest(hospital, id))
	require.NoError(t, err)
	require.False(t, erased, "1 of 3 is below 2/3")
	status, err := f.qs.ErasureStatus(f.ctx, &types.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, uint64(2), status.Required)
	require.Equal(t, uint64(3), status.ActiveCustodians)
	require.Len(t, status.Attestations, 1)
	require.Equal(t, uint64(3), status.Attestations[0].BlocksDeleted)
	require.Equal(t, types.GRANT_STATUS_ACTIVE, f.getGrant(t, grantID).Status, "grants last until the erasure completes")

	erased, err = f.k.AttestErasure(f.ctx, attest(utility, id))
	require.NoError(t, err)
	require.True(t, erased)
	r = f.getRecord(t, id)
	require.Equal(t, types.RECORD_STATUS_ERASED, r.Status)
	require.Equal(t, int64(2), r.ErasedHeight)
	require.Equal(t, types.GRANT_STATUS_ENDED_BY_ERASURE, f.getGrant(t, grantID).Status)
	require.Equal(t, types.GRANT_STATUS_ACTIVE, f.getGrant(t, tagGrant).Status, "a tag grant lives on for the owner's other records")

	// A late custodian still attests: the certificate grows.
	erased, err = f.k.AttestErasure(f.ctx, attest(city, id))
	require.NoError(t, err)
	require.False(t, erased, "already erased")
	status, err = f.qs.ErasureStatus(f.ctx, &types.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Len(t, status.Attestations, 3)
	require.Equal(t, types.RECORD_STATUS_ERASED, status.Status)

	kinds := f.trailKinds(t, id)
	require.Equal(t, []types.TrailEventKind{
		types.TRAIL_EVENT_KIND_ERASURE_REQUESTED, types.TRAIL_EVENT_KIND_ERASURE_ATTESTED,
		types.TRAIL_EVENT_KIND_ERASURE_ATTESTED, types.TRAIL_EVENT_KIND_RECORD_ERASED,
		types.TRAIL_EVENT_KIND_GRANT_ENDED_BY_ERASURE, types.TRAIL_EVENT_KIND_ERASURE_ATTESTED,
	}, kinds[3:])
}

func TestErasureRefusals(t *testing.T) {
	f, id, _ := story(t)
	_, err := f.k.AttestErasure(f.ctx, attest(hospital, id))
	requireRefused(t, err, types.ErrNotErasing, "nothing to attest before the owner asks")

	requireRefused(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: nurse, RecordId: id}), types.ErrNotOwner)
	requireRefused(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id + 1}), types.ErrRecordNotFound)
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	requireRefused(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}), types.ErrRecordNotActive)

	_, err = f.k.AttestErasure(f.ctx, attest(stranger, id))
	requireRefused(t, err, types.ErrNotCustodian)
	_, err = f.k.AttestErasure(f.ctx, attest(margaret, id))
	requireRefused(t, err, types.ErrNotCustodian, "the owner is no custodian")
	_, err = f.k.AttestErasure(f.ctx, attest(hospital, id+1))
	requireRefused(t, err, types.ErrRecordNotFound)
	bad := attest(hospital, id)
	bad.Statement = "a\x00b"
	_, err = f.k.AttestErasure(f.ctx, bad)
	requireRefused(t, err, types.ErrInvalidText)

	_, err = f.k.AttestErasure(f.ctx, attest(hospital, id))
	require.NoError(t, err)
	_, err = f.k.AttestErasure(f.ctx, attest(hospital, id))
	requireRefused(t, err, types.ErrDuplicateAttest)

	// A member suspended meanwhile is no longer a custodian.
	delete(f.custodians, utility)
	_, err = f.k.AttestErasure(f.ctx, attest(utility, id))
	requireRefused(t, err, types.ErrNotCustodian)
}

func TestErasureQuorumFollowsParams(t *testing.T) {
	f, id, _ := story(t)
	f.setParams(t, func(p *types.Params) { p.ErasureQuorum = math.LegacyOneDec() })
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	for i, c := range []string{hospital, utility, city} {
		erased, err := f.k.AttestErasure(f.ctx, attest(c, id))
		require.NoError(t, err)
		require.Equal(t, i == 2, erased, "a quorum of 1 needs all three")
	}
}
