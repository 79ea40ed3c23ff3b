package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

func TestUpdateParams(t *testing.T) {
	f := setup(t)
	p := types.DefaultParams()
	p.ReceiptValidity = time.Minute
	_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: margaret, Params: p})
	requireRefused(t, err, types.ErrUnauthorized)
	bad := p
	bad.MaxTags = 0
	_, err = f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: bad})
	requireRefused(t, err, types.ErrInvalidParams)

	_, err = f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, time.Minute, got.ReceiptValidity)
	requireEvent(t, f, "msec.ccdb.v1.EventParamsUpdated")
}

// TestMsgServerStory drives every Msg through the Msg service and checks
// each response and event.
func TestMsgServerStory(t *testing.T) {
	f := setup(t)
	for _, a := range []string{margaret, nurse} {
		res, err := f.ms.RegisterEncryptionKey(f.ctx, &types.MsgRegisterEncryptionKey{Owner: a, PublicKey: publicKey(t, a, envelope.SuiteX25519)})
		require.NoError(t, err)
		require.Equal(t, uint64(1), res.Index)
	}
	requireEvent(t, f, "msec.ccdb.v1.EventEncryptionKeyRegistered")

	put, err := f.ms.PutRecord(f.ctx, putMsg(t, margaret, "export", []string{"home-sensors"}))
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventRecordPut")
	grant, err := f.ms.GrantAccess(f.ctx, f.grantMsg(margaret, nurse, put.RecordId, 1))
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventGrantCreated")
	requireEvent(t, f, "msec.ccdb.v1.EventEnvelopeCommitted")
	upd, err := f.ms.UpdateRecord(f.ctx, updateMsg(t, margaret, put.RecordId, "v2", types.GranteeEnvelope{Grantee: nurse, Commitment: commitment("v2")}))
	require.NoError(t, err)
	require.Equal(t, uint64(2), upd.Version)
	requireEvent(t, f, "msec.ccdb.v1.EventRecordUpdated")
	read, err := f.ms.AccessRecord(f.ctx, readMsg(nurse, put.RecordId, grant.GrantId))
	require.NoError(t, err)
	require.Equal(t, uint64(2), read.Version)
	require.Equal(t, commitment("v2"), read.EnvelopeCommitment)
	requireEvent(t, f, "msec.ccdb.v1.EventRecordAccessed")

	f.registerKey(t, son)
	reqMsg := requestMsg(son, put.RecordId)
	req, err := f.ms.RequestAccess(f.ctx, reqMsg)
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventAccessRequested")
	_, err = f.ms.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: margaret, RequestId: req.RequestId})
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventRequestRejected")
	req, err = f.ms.RequestAccess(f.ctx, reqMsg)
	require.NoError(t, err)
	approved, err := f.ms.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: req.RequestId,
		Envelopes: []types.RecordEnvelope{{RecordId: put.RecordId, Version: 2, Commitment: commitment(son)}}})
	require.NoError(t, err)
	require.NotZero(t, approved.GrantId)
	requireEvent(t, f, "msec.ccdb.v1.EventRequestApproved")

	_, err = f.ms.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grant.GrantId})
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventGrantEnded")
	_, err = f.ms.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: put.RecordId})
	require.NoError(t, err)
	requireEvent(t, f, "msec.ccdb.v1.EventErasureRequested")
	for i, c := range []string{hospital, utility} {
		res, err := f.ms.AttestErasure(f.ctx, attest(c, put.RecordId))
		require.NoError(t, err)
		require.Equal(t, i == 1, res.Erased)
	}
	requireEvent(t, f, "msec.ccdb.v1.EventErasureAttested")
	requireEvent(t, f, "msec.ccdb.v1.EventRecordErased")

	// Every refusal reaches the caller through the service too.
	_, err = f.ms.AccessRecord(f.ctx, readMsg(son, put.RecordId, approved.GrantId))
	requireRefused(t, err, types.ErrGrantEndedByErasure)
}

func requireEvent(t *testing.T, f *fixture, eventType string) {
	t.Helper()
	for _, e := range f.ctx.EventManager().Events() {
		if e.Type == eventType {
			return
		}
	}
	t.Fatalf("no %s event", eventType)
}
