package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

// step is what a trail entry says, without its block.
type step struct {
	kind                         types.TrailEventKind
	actor                        string
	version, grant, req, receipt uint64
}

func TestAuditTrailRecordsTheStoryInOrder(t *testing.T) {
	f, id, nurseGrant := story(t)
	f.next(time.Hour)
	_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, nurseGrant))
	require.NoError(t, err)
	_, err = f.k.AccessRecord(f.ctx, readMsg(stranger, id, nurseGrant))
	requireRefused(t, err, types.ErrNotGrantee, "a refused read leaves no entry")
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: nurseGrant}))
	f.next(time.Hour)
	reqID, err := f.k.RequestAccess(f.ctx, requestMsg(son, id))
	require.NoError(t, err)
	sonGrant, err := f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: reqID,
		Envelopes: []types.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment(son)}}})
	require.NoError(t, err)
	read := readMsg(son, id, sonGrant)
	read.PurposeCode = types.PURPOSE_CODE_FAMILY
	_, err = f.k.AccessRecord(f.ctx, read)
	require.NoError(t, err)
	_, err = f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2", types.GranteeEnvelope{Grantee: son, Commitment: commitment("son/v2")}))
	require.NoError(t, err)
	f.next(time.Hour)
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	for _, c := range []string{hospital, utility} {
		_, err := f.k.AttestErasure(f.ctx, attest(c, id))
		require.NoError(t, err)
	}

	var got []step
	var last types.TrailEntry
	require.NoError(t, f.k.Trail.Walk(f.ctx, collections.NewPrefixedPairRange[uint64, uint64](id),
		func(_ collections.Pair[uint64, uint64], e types.TrailEntry) (bool, error) {
			require.GreaterOrEqual(t, e.Height, last.Height, "heights never go back")
			last = e
			got = append(got, step{e.Kind, e.Actor, e.Version, e.GrantId, e.RequestId, e.ReceiptId})
			return false, nil
		}))
	require.Equal(t, []step{
		{types.TRAIL_EVENT_KIND_RECORD_PUT, margaret, 1, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_GRANT_CREATED, margaret, 1, nurseGrant, 0, 0},
		{types.TRAIL_EVENT_KIND_RECORD_ACCESSED, nurse, 1, nurseGrant, 0, 1},
		{types.TRAIL_EVENT_KIND_GRANT_REVOKED, margaret, 0, nurseGrant, 0, 0},
		{types.TRAIL_EVENT_KIND_ACCESS_REQUESTED, son, 0, 0, reqID, 0},
		{types.TRAIL_EVENT_KIND_GRANT_CREATED, margaret, 1, sonGrant, reqID, 0},
		{types.TRAIL_EVENT_KIND_REQUEST_APPROVED, margaret, 0, sonGrant, reqID, 0},
		{types.TRAIL_EVENT_KIND_RECORD_ACCESSED, son, 1, sonGrant, 0, 2},
		{types.TRAIL_EVENT_KIND_RECORD_UPDATED, margaret, 2, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_ERASURE_REQUESTED, margaret, 0, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_ERASURE_ATTESTED, hospital, 0, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_ERASURE_ATTESTED, utility, 0, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_RECORD_ERASED, "", 0, 0, 0, 0},
		{types.TRAIL_EVENT_KIND_GRANT_ENDED_BY_ERASURE, "", 0, sonGrant, 0, 0},
	}, got)
}
