package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

func TestAccessRecordStoresReceipt(t *testing.T) {
	f, id, grantID := story(t)
	f.next(time.Minute)
	receipt, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.Equal(t, uint64(1), receipt.Id)
	require.Equal(t, nurse, receipt.Reader)
	require.Equal(t, uint64(1), receipt.Version)
	require.Equal(t, commitment(nurse), receipt.EnvelopeCommitment)
	require.Equal(t, int64(2), receipt.Height)
	require.Equal(t, uint64(1), f.getGrant(t, grantID).Uses)

	stored, err := f.qs.Receipt(f.ctx, &types.QueryReceiptRequest{ReceiptId: receipt.Id})
	require.NoError(t, err)
	require.Equal(t, receipt, stored.Receipt)
	latest, err := f.qs.LatestReceipt(f.ctx, &types.QueryLatestReceiptRequest{Reader: nurse, RecordId: id})
	require.NoError(t, err)
	require.Equal(t, receipt.Id, latest.Receipt.Id)

	f.next(time.Minute)
	second, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	latest, err = f.qs.LatestReceipt(f.ctx, &types.QueryLatestReceiptRequest{Reader: nurse, RecordId: id})
	require.NoError(t, err)
	require.Equal(t, second.Id, latest.Receipt.Id, "the latest receipt is the newest")
	_, err = f.qs.LatestReceipt(f.ctx, &types.QueryLatestReceiptRequest{Reader: son, RecordId: id})
	require.ErrorContains(t, err, "no read receipt")
}

func TestAccessRecordRefusals(t *testing.T) {
	cases := map[string]struct {
		prepare func(*testing.T, *fixture, uint64, uint64)
		msg     func(recordID, grantID uint64) *types.MsgAccessRecord
		want    error
	}{
		"a stranger":    {nil, func(r, g uint64) *types.MsgAccessRecord { return readMsg(stranger, r, g) }, types.ErrNotGrantee},
		"unknown grant": {nil, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r, g+1) }, types.ErrGrantNotFound},
		"grant ID 0":    {nil, func(r, _ uint64) *types.MsgAccessRecord { return readMsg(nurse, r, 0) }, types.ErrGrantNotFound},
		"record ID 0":   {nil, func(_, g uint64) *types.MsgAccessRecord { return readMsg(nurse, 0, g) }, types.ErrRecordNotFound},
		"no purpose code": {nil, func(r, g uint64) *types.MsgAccessRecord {
			m := readMsg(nurse, r, g)
			m.PurposeCode = types.PURPOSE_CODE_UNSPECIFIED
			return m
		}, types.ErrInvalidPurpose},
		"another purpose": {nil, func(r, g uint64) *types.MsgAccessRecord {
			m := readMsg(nurse, r, g)
			m.PurposeCode = types.PURPOSE_CODE_RESEARCH
			return m
		}, types.ErrPurposeMismatch},
		"a version that does not exist": {nil, func(r, g uint64) *types.MsgAccessRecord {
			m := readMsg(nurse, r, g)
			m.Version = 2
			return m
		}, types.ErrVersionNotFound},
		"another record": {func(t *testing.T, f *fixture, _, _ uint64) {
			f.put(t, margaret, "other", nil)
		}, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r+1, g) }, types.ErrOutOfScope},
		"revoked": {func(t *testing.T, f *fixture, _, g uint64) {
			require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: g}))
		}, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r, g) }, types.ErrGrantRevoked},
		"expired, not pruned yet": {func(_ *testing.T, f *fixture, _, _ uint64) {
			f.next(30 * 24 * time.Hour)
		}, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r, g) }, types.ErrGrantExpired},
		"expired and pruned": {func(t *testing.T, f *fixture, _, _ uint64) {
			f.next(30 * 24 * time.Hour)
			f.endBlock(t)
		}, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r, g) }, types.ErrGrantExpired},
		"erase pending": {func(t *testing.T, f *fixture, r, _ uint64) {
			require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: r}))
		}, func(r, g uint64) *types.MsgAccessRecord { return readMsg(nurse, r, g) }, types.ErrRecordNotActive},
		"an old version never sealed to the reader": {func(t *testing.T, f *fixture, r, _ uint64) {
			// Version 2 goes to the nurse; version 1 was, under this grant.
			_, err := f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, r, "v2", types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("v2")}))
			require.NoError(t, err)
			_, err = f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, r, "v3", types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("v3")}))
			require.NoError(t, err)
			require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: 1}))
			regrant := f.grantMsg(margaret, nurse, r, 3)
			f.grant(t, regrant) // grant 2: envelope of version 3 only
		}, func(r, _ uint64) *types.MsgAccessRecord {
			m := readMsg(nurse, r, 2)
			m.Version = 2 // its envelope was committed for the revoked grant 1
			return m
		}, types.ErrNoEnvelope},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, id, grantID := story(t)
			if tc.prepare != nil {
				tc.prepare(t, f, id, grantID)
			}
			before, err := f.k.LastReceiptID.Peek(f.ctx)
			require.NoError(t, err)
			_, err = f.k.AccessRecord(f.ctx, tc.msg(id, grantID))
			requireRefused(t, err, tc.want)
			after, err := f.k.LastReceiptID.Peek(f.ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "no receipt for a refused read")
		})
	}
}

func TestMaxUsesExhaustGrant(t *testing.T) {
	f := withKeys(t)
	id := f.put(t, margaret, "export", nil)
	msg := f.grantMsg(margaret, nurse, id, 1)
	msg.MaxUses = 2
	grantID := f.grant(t, msg)
	for i := 0; i < 2; i++ {
		_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
		require.NoError(t, err, "read %d", i+1)
	}
	g := f.getGrant(t, grantID)
	require.Equal(t, types.GRANT_STATUS_EXHAUSTED, g.Status)
	require.Equal(t, uint64(2), g.Uses)
	_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	requireRefused(t, err, types.ErrGrantExhausted)

	kinds := f.trailKinds(t, id)
	require.Equal(t, []types.TrailEventKind{
		types.TRAIL_EVENT_KIND_RECORD_ACCESSED, types.TRAIL_EVENT_KIND_RECORD_ACCESSED, types.TRAIL_EVENT_KIND_GRANT_EXHAUSTED,
	}, kinds[2:], "the last read comes before the exhaustion")

	receipts, err := f.qs.ReceiptsByGrant(f.ctx, &types.QueryReceiptsByGrantRequest{GrantId: grantID})
	require.NoError(t, err)
	require.Len(t, receipts.Receipts, 2)
}

func TestUnlimitedUses(t *testing.T) {
	f, id, grantID := story(t)
	for i := 0; i < 5; i++ {
		_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
		require.NoError(t, err)
	}
	g := f.getGrant(t, grantID)
	require.Equal(t, types.GRANT_STATUS_ACTIVE, g.Status, "max_uses 0 is unlimited")
	require.Equal(t, uint64(5), g.Uses)
}
