package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/x/ccdb/types"
)

// readsOverTime makes one receipt per block, a minute apart, and returns
// their times.
func readsOverTime(t *testing.T, f *fixture, id, grantID uint64, n int) []time.Time {
	var times []time.Time
	for i := 0; i < n; i++ {
		f.next(time.Minute)
		r, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
		require.NoError(t, err)
		times = append(times, r.Time)
	}
	return times
}

// pageIDs pages through a list query limit items at a time, following
// NextKey, and returns the IDs of every page in order.
func pageIDs(t *testing.T, limit uint64, reverse bool, fetch func(*query.PageRequest) ([]uint64, *query.PageResponse, error)) []uint64 {
	t.Helper()
	var ids []uint64
	page := &query.PageRequest{Limit: limit, Reverse: reverse}
	for {
		got, res, err := fetch(page)
		require.NoError(t, err)
		ids = append(ids, got...)
		if len(res.NextKey) == 0 {
			return ids
		}
		page = &query.PageRequest{Key: res.NextKey, Limit: limit, Reverse: reverse}
	}
}

func receiptIDs(receipts []types.Receipt) []uint64 {
	ids := make([]uint64, 0, len(receipts))
	for _, r := range receipts {
		ids = append(ids, r.Id)
	}
	return ids
}

func TestReceiptsByTimePages(t *testing.T) {
	f, id, grantID := story(t)
	times := readsOverTime(t, f, id, grantID, 6)

	// [times[1], times[5]) holds receipts 2, 3, 4 and 5.
	ids := pageIDs(t, 3, false, func(page *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		res, err := f.qs.ReceiptsByTime(f.ctx, &types.QueryReceiptsByTimeRequest{StartTime: times[1], EndTime: times[5], Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		return receiptIDs(res.Receipts), res.Pagination, nil
	})
	require.Equal(t, []uint64{2, 3, 4, 5}, ids)

	// A time range is an ID range: its ends may fall before, between or
	// after the receipts.
	ranges := []struct {
		start, end time.Time
		want       []uint64
	}{
		{times[0].Add(-time.Hour), times[0], nil},
		{times[0].Add(-time.Hour), times[0].Add(time.Nanosecond), []uint64{1}},
		{times[1].Add(-time.Nanosecond), times[2].Add(time.Nanosecond), []uint64{2, 3}},
		{times[5].Add(time.Nanosecond), times[5].Add(time.Hour), nil},
		{time.Unix(0, 0), times[5].Add(time.Hour), []uint64{1, 2, 3, 4, 5, 6}},
	}
	for _, r := range ranges {
		res, err := f.qs.ReceiptsByTime(f.ctx, &types.QueryReceiptsByTimeRequest{StartTime: r.start, EndTime: r.end})
		require.NoError(t, err)
		var got []uint64
		for _, receipt := range res.Receipts {
			got = append(got, receipt.Id)
		}
		require.Equal(t, r.want, got, "[%s, %s)", r.start, r.end)
	}

	_, err := f.qs.ReceiptsByTime(f.ctx, &types.QueryReceiptsByTimeRequest{StartTime: times[2], EndTime: times[2]})
	require.ErrorContains(t, err, "end_time must be after start_time")
	_, err = f.qs.ReceiptsByTime(f.ctx, &types.QueryReceiptsByTimeRequest{StartTime: times[0], EndTime: times[5], Pagination: &query.PageRequest{Offset: 1}})
	require.ErrorContains(t, err, "key pagination only")
}

func TestListQueriesPaginate(t *testing.T) {
	f, id, grantID := story(t)
	readsOverTime(t, f, id, grantID, 5)
	ids := pageIDs(t, 2, false, func(page *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		res, err := f.qs.ReceiptsByRecord(f.ctx, &types.QueryReceiptsByRecordRequest{RecordId: id, Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		return receiptIDs(res.Receipts), res.Pagination, nil
	})
	require.Equal(t, []uint64{1, 2, 3, 4, 5}, ids)

	byReader, err := f.qs.ReceiptsByReader(f.ctx, &types.QueryReceiptsByReaderRequest{Reader: nurse, Pagination: &query.PageRequest{CountTotal: true, Limit: 1}})
	require.NoError(t, err)
	require.Len(t, byReader.Receipts, 1)
	require.Equal(t, uint64(5), byReader.Pagination.Total)

	whole, err := f.qs.AuditTrail(f.ctx, &types.QueryAuditTrailRequest{RecordId: id})
	require.NoError(t, err)
	trail, err := f.qs.AuditTrail(f.ctx, &types.QueryAuditTrailRequest{RecordId: id, Pagination: &query.PageRequest{Offset: 2, Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, whole.Entries[2:4], trail.Entries)
	require.Less(t, trail.Entries[0].Sequence, trail.Entries[1].Sequence)

	_, err = f.qs.AuditTrail(f.ctx, &types.QueryAuditTrailRequest{RecordId: id, Pagination: &query.PageRequest{Limit: 5000}})
	require.ErrorContains(t, err, "exceeds")
	_, err = f.qs.AuditTrail(f.ctx, &types.QueryAuditTrailRequest{RecordId: id + 1})
	require.ErrorContains(t, err, "NotFound")
}

func TestQueryRefusals(t *testing.T) {
	f, _, _ := story(t)
	_, err := f.qs.Record(f.ctx, &types.QueryRecordRequest{RecordId: 9})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.Grant(f.ctx, &types.QueryGrantRequest{GrantId: 9})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.Request(f.ctx, &types.QueryRequestRequest{RequestId: 9})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.Receipt(f.ctx, &types.QueryReceiptRequest{ReceiptId: 9})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.RecordVersion(f.ctx, &types.QueryRecordVersionRequest{RecordId: 1, Version: 2})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.EnvelopeCommitment(f.ctx, &types.QueryEnvelopeCommitmentRequest{RecordId: 1, Version: 1, Grantee: son})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.GrantsByOwner(f.ctx, &types.QueryGrantsByOwnerRequest{Owner: "not-an-address"})
	require.ErrorContains(t, err, "InvalidArgument")
	_, err = f.qs.RecordsByTag(f.ctx, &types.QueryRecordsByTagRequest{Tag: "x", Owner: "bad"})
	require.ErrorContains(t, err, "InvalidArgument")
	_, err = f.qs.Record(f.ctx, nil)
	require.ErrorContains(t, err, "empty request")
	params, err := f.qs.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)
}

func TestRecordScopedGrantCoverage(t *testing.T) {
	f, id, grantID := story(t)
	other := f.grant(t, f.grantMsg(margaret, son, id, 1))
	for _, g := range []uint64{grantID, other} {
		res, err := f.qs.RecordsByGrant(f.ctx, &types.QueryRecordsByGrantRequest{GrantId: g, Pagination: &query.PageRequest{CountTotal: true}})
		require.NoError(t, err)
		require.Len(t, res.Records, 1, "grant %d covers its record only", g)
		require.Equal(t, id, res.Records[0].Id)
		require.Equal(t, uint64(1), res.Pagination.Total)
	}
	byRecord, err := f.qs.GrantsByRecord(f.ctx, &types.QueryGrantsByRecordRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, []uint64{grantID, other}, []uint64{byRecord.Grants[0].Id, byRecord.Grants[1].Id})
}

// A reader's client looks for its newest grants first: the grantee's list
// pages backwards by key, newest grant first.
func TestGrantsByGranteePageNewestFirst(t *testing.T) {
	f, id, first := story(t)
	want := []uint64{}
	for i := 0; i < 4; i++ {
		want = append([]uint64{f.grant(t, f.grantMsg(margaret, nurse, id, 1))}, want...)
	}
	want = append(want, first)
	got := pageIDs(t, 2, true, func(page *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		res, err := f.qs.GrantsByGrantee(f.ctx, &types.QueryGrantsByGranteeRequest{Grantee: nurse, Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		var ids []uint64
		for _, g := range res.Grants {
			ids = append(ids, g.Id)
		}
		return ids, res.Pagination, nil
	})
	require.Equal(t, want, got)
}

// LiveGrantees names each reader a new version must be sealed to: the
// grantees of live record- and tag-scoped grants, once each.
func TestLiveGrantees(t *testing.T) {
	f, id, nurseGrant := story(t)
	liveGrantees := func() []string {
		t.Helper()
		res, err := f.qs.LiveGrantees(f.ctx, &types.QueryLiveGranteesRequest{RecordId: id})
		require.NoError(t, err)
		return res.Grantees
	}
	require.Equal(t, []string{nurse}, liveGrantees())

	second := f.grant(t, f.grantMsg(margaret, nurse, id, 1))
	f.grant(t, f.tagGrantMsg(margaret, son, "home-sensors", types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment(son)}))
	require.Equal(t, []string{nurse, son}, liveGrantees(), "the nurse once, though she holds two grants")

	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: nurseGrant}))
	require.Equal(t, []string{nurse, son}, liveGrantees(), "her second grant still covers the record")
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: second}))
	require.Equal(t, []string{son}, liveGrantees())

	// Expired, before EndBlock prunes it: it covers nothing.
	f.next(31 * 24 * time.Hour)
	require.Equal(t, []string{}, liveGrantees())

	_, err := f.qs.LiveGrantees(f.ctx, &types.QueryLiveGranteesRequest{RecordId: id + 1})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.LiveGrantees(f.ctx, nil)
	require.Error(t, err)
}
