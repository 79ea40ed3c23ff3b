package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

func (f *fixture) release(t *testing.T, recordID uint64, account string, version uint64) *types.QueryReleaseAuthorizationResponse {
	t.Helper()
	res, err := f.qs.ReleaseAuthorization(f.ctx, &types.QueryReleaseAuthorizationRequest{RecordId: recordID, Account: account, Version: version})
	require.NoError(t, err)
	return res
}

func TestReleaseAuthorization(t *testing.T) {
	f, id, grantID := story(t)
	owner := f.release(t, id, margaret, 0)
	require.True(t, owner.Authorized, "the owner needs no receipt")
	require.Equal(t, commitment("home-sensors-2026-01/owner"), owner.EnvelopeCommitment)

	require.False(t, f.release(t, id, nurse, 0).Authorized, "no receipt yet")
	receipt, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)

	f.next(time.Minute)
	res := f.release(t, id, nurse, 0)
	require.True(t, res.Authorized, res.Reason)
	require.Equal(t, receipt.Id, res.Receipt.Id)
	require.Equal(t, commitment(nurse), res.EnvelopeCommitment)
	require.Equal(t, uint64(1), res.Version.Version)
	require.Equal(t, receipt.Time.Add(types.DefaultReceiptValidity), res.ValidUntil)

	require.False(t, f.release(t, id, stranger, 0).Authorized)

	f.next(types.DefaultReceiptValidity)
	res = f.release(t, id, nurse, 0)
	require.False(t, res.Authorized, "an old receipt no longer releases anything")
	require.Contains(t, res.Reason, "expired")
}

func TestReleaseRefusedAfterRevocation(t *testing.T) {
	f, id, grantID := story(t)
	_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID}))
	res := f.release(t, id, nurse, 0)
	require.False(t, res.Authorized, "a revoked reader cannot reuse a fresh receipt")
	require.Contains(t, res.Reason, "REVOKED")
}

func TestReleaseAfterLastUse(t *testing.T) {
	f := withKeys(t)
	id := f.put(t, margaret, "export", nil)
	msg := f.grantMsg(margaret, nurse, id, 1)
	msg.MaxUses = 1
	grantID := f.grant(t, msg)
	_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.Equal(t, types.GRANT_STATUS_EXHAUSTED, f.getGrant(t, grantID).Status)
	require.True(t, f.release(t, id, nurse, 0).Authorized, "the receipt that used the grant up still releases")
}

func TestReleaseRefusedForErasingRecord(t *testing.T) {
	f, id, grantID := story(t)
	_, err := f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: id}))
	for _, account := range []string{margaret, nurse} {
		res := f.release(t, id, account, 0)
		require.False(t, res.Authorized, account)
		require.Contains(t, res.Reason, "ERASE_PENDING")
	}
}

func TestReleaseOwnerVersions(t *testing.T) {
	f, id, _ := story(t)
	_, err := f.k.UpdateRecord(f.ctx, updateMsg(t, margaret, id, "v2", types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("v2")}))
	require.NoError(t, err)
	require.Equal(t, uint64(1), f.release(t, id, margaret, 1).Version.Version)
	require.Equal(t, uint64(2), f.release(t, id, margaret, 0).Version.Version)
	_, err = f.qs.ReleaseAuthorization(f.ctx, &types.QueryReleaseAuthorizationRequest{RecordId: id, Account: margaret, Version: 3})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.ReleaseAuthorization(f.ctx, &types.QueryReleaseAuthorizationRequest{RecordId: id + 1, Account: margaret})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.qs.ReleaseAuthorization(f.ctx, &types.QueryReleaseAuthorizationRequest{RecordId: id, Account: "nobody"})
	require.ErrorContains(t, err, "InvalidArgument")
}
