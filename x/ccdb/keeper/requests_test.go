package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

func requestMsg(requester string, recordID uint64) *types.MsgRequestAccess {
	return &types.MsgRequestAccess{
		Requester: requester, Scope: types.GrantScope{RecordId: recordID},
		Purpose: "checking on mum", PurposeCode: types.PURPOSE_CODE_FAMILY, Duration: 7 * 24 * time.Hour,
	}
}

func TestRequestApproveRead(t *testing.T) {
	f, id, _ := story(t)
	reqID, err := f.k.RequestAccess(f.ctx, requestMsg(son, id))
	require.NoError(t, err)
	req, err := f.k.GetRequest(f.ctx, reqID)
	require.NoError(t, err)
	require.Equal(t, margaret, req.Owner, "a record request is addressed to the record's owner")
	require.Equal(t, types.REQUEST_STATUS_PENDING, req.Status)

	f.next(time.Hour)
	grantID, err := f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{
		Owner: margaret, RequestId: reqID, MaxUses: 3,
		Envelopes: []types.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment(son)}},
	})
	require.NoError(t, err)
	g := f.getGrant(t, grantID)
	require.Equal(t, son, g.Grantee)
	require.Equal(t, reqID, g.RequestId)
	require.Equal(t, types.PURPOSE_CODE_FAMILY, g.PurposeCode)
	require.Equal(t, uint64(3), g.MaxUses)
	require.Equal(t, f.ctx.BlockTime().Add(7*24*time.Hour), g.ExpiresAt, "the requested duration runs from approval")
	req, err = f.k.GetRequest(f.ctx, reqID)
	require.NoError(t, err)
	require.Equal(t, types.REQUEST_STATUS_APPROVED, req.Status)
	require.Equal(t, grantID, req.GrantId)

	read := readMsg(son, id, grantID)
	read.PurposeCode = types.PURPOSE_CODE_FAMILY
	_, err = f.k.AccessRecord(f.ctx, read)
	require.NoError(t, err)

	byOwner, err := f.qs.RequestsByOwner(f.ctx, &types.QueryRequestsByOwnerRequest{Owner: margaret})
	require.NoError(t, err)
	require.Len(t, byOwner.Requests, 1)
	byRequester, err := f.qs.RequestsByRequester(f.ctx, &types.QueryRequestsByRequesterRequest{Requester: son})
	require.NoError(t, err)
	require.Len(t, byRequester.Requests, 1)

	require.Equal(t, []types.TrailEventKind{
		types.TRAIL_EVENT_KIND_RECORD_PUT, types.TRAIL_EVENT_KIND_GRANT_CREATED,
		types.TRAIL_EVENT_KIND_ACCESS_REQUESTED, types.TRAIL_EVENT_KIND_GRANT_CREATED,
		types.TRAIL_EVENT_KIND_REQUEST_APPROVED, types.TRAIL_EVENT_KIND_RECORD_ACCESSED,
	}, f.trailKinds(t, id))
}

func TestRequestAccessRefusals(t *testing.T) {
	cases := map[string]struct {
		mutate func(*types.MsgRequestAccess)
		want   error
	}{
		"own record":                    {func(m *types.MsgRequestAccess) { m.Requester = margaret }, types.ErrSelfGrant},
		"requester names self as owner": {func(m *types.MsgRequestAccess) { m.Owner = son }, types.ErrSelfGrant},
		"wrong owner named":             {func(m *types.MsgRequestAccess) { m.Owner = nurse }, types.ErrNotOwner},
		"unknown record":                {func(m *types.MsgRequestAccess) { m.Scope.RecordId = 5 }, types.ErrRecordNotFound},
		"no key":                        {func(m *types.MsgRequestAccess) { m.Requester = hospital }, types.ErrNoEncryptionKey},
		"tag without owner":             {func(m *types.MsgRequestAccess) { m.Scope = types.GrantScope{Tag: "home-sensors"} }, types.ErrInvalidAddress},
		"empty purpose":                 {func(m *types.MsgRequestAccess) { m.Purpose = "" }, types.ErrInvalidPurpose},
		"long purpose":                  {func(m *types.MsgRequestAccess) { m.Purpose = strings.Repeat("x", 300) }, types.ErrInvalidPurpose},
		"no purpose code":               {func(m *types.MsgRequestAccess) { m.PurposeCode = 0 }, types.ErrInvalidPurpose},
		"zero duration":                 {func(m *types.MsgRequestAccess) { m.Duration = 0 }, types.ErrInvalidDuration},
		"negative duration":             {func(m *types.MsgRequestAccess) { m.Duration = -time.Hour }, types.ErrInvalidDuration},
		"duration over a year":          {func(m *types.MsgRequestAccess) { m.Duration = 400 * 24 * time.Hour }, types.ErrInvalidDuration},
		"no scope":                      {func(m *types.MsgRequestAccess) { m.Scope = types.GrantScope{} }, types.ErrInvalidScope},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, id, _ := story(t)
			msg := requestMsg(son, id)
			tc.mutate(msg)
			_, err := f.k.RequestAccess(f.ctx, msg)
			requireRefused(t, err, tc.want)
		})
	}
}

func TestTagRequestApproved(t *testing.T) {
	f, id, _ := story(t)
	msg := requestMsg(son, 0)
	msg.Scope, msg.Owner = types.GrantScope{Tag: "home-sensors"}, margaret
	reqID, err := f.k.RequestAccess(f.ctx, msg)
	require.NoError(t, err)
	// The owner's approval must carry envelopes of the records in scope.
	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: reqID})
	requireRefused(t, err, types.ErrMissingEnvelope)
	grantID, err := f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{
		Owner: margaret, RequestId: reqID,
		Envelopes: []types.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment(son)}},
	})
	require.NoError(t, err)
	require.Equal(t, types.GrantScope{Tag: "home-sensors"}, f.getGrant(t, grantID).Scope)
}

func TestApproveAndRejectRefusals(t *testing.T) {
	f, id, _ := story(t)
	reqID, err := f.k.RequestAccess(f.ctx, requestMsg(son, id))
	require.NoError(t, err)
	envs := []types.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment(son)}}

	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: nurse, RequestId: reqID, Envelopes: envs})
	requireRefused(t, err, types.ErrNotOwner)
	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: reqID + 1, Envelopes: envs})
	requireRefused(t, err, types.ErrRequestNotFound)
	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, Envelopes: envs})
	requireRefused(t, err, types.ErrRequestNotFound)
	requireRefused(t, f.k.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: nurse, RequestId: reqID}), types.ErrNotOwner)
	requireRefused(t, f.k.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: margaret, RequestId: reqID, Reason: "no\x00"}), types.ErrInvalidText)
	requireRefused(t, f.k.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: margaret, RequestId: reqID, Reason: strings.Repeat("r", 257)}), types.ErrInvalidText)

	// Params shrank since the request: its duration is no longer allowed.
	f.setParams(t, func(p *types.Params) { p.MaxGrantDuration = 24 * time.Hour })
	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: reqID, Envelopes: envs})
	requireRefused(t, err, types.ErrInvalidDuration)
	f.setParams(t, func(*types.Params) {})

	require.NoError(t, f.k.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: margaret, RequestId: reqID, Reason: "ask me in person"}))
	req, err := f.k.GetRequest(f.ctx, reqID)
	require.NoError(t, err)
	require.Equal(t, types.REQUEST_STATUS_REJECTED, req.Status)
	require.Equal(t, "ask me in person", req.Reason)

	_, err = f.k.ApproveRequest(f.ctx, &types.MsgApproveRequest{Owner: margaret, RequestId: reqID, Envelopes: envs})
	requireRefused(t, err, types.ErrRequestNotPending)
	requireRefused(t, f.k.RejectRequest(f.ctx, &types.MsgRejectRequest{Owner: margaret, RequestId: reqID}), types.ErrRequestNotPending)
	require.Equal(t, types.TRAIL_EVENT_KIND_REQUEST_REJECTED, f.trailKinds(t, id)[3])
}
