package ccdbclient_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

var export = bytes.Repeat([]byte("2026-03-01T07:02:00Z,kitchen,motion\n"), 20_000) // ~700 KiB, several blocks

// Margaret's record through the client library, against a real chain and
// a real companion service in process.
func TestClientStory(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	margaret := w.clients["margaret"]

	put, err := margaret.Put(ctx, bytes.NewReader(export), ccdbclient.PutOptions{
		ContentType: "text/csv", Tags: []string{"home-sensors"},
		Grant: &ccdbclient.GrantOptions{Grantee: w.address("nurse"), Purpose: "home care",
			PurposeCode: ccdbtypes.PURPOSE_CODE_CARE, Expires: 30 * 24 * time.Hour},
	})
	require.NoError(t, err)
	require.Equal(t, uint64(1), put.RecordID)
	require.NotZero(t, put.GrantID)

	// The owner reads without a receipt; the nurse with one.
	plain, res, err := w.get("margaret", put.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, export, plain)
	require.Zero(t, res.ReceiptID)
	plain, res, err = w.get("nurse", put.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, export, plain)
	require.NotZero(t, res.ReceiptID)
	require.Equal(t, put.GrantID, res.GrantID)

	// The stranger has no grant.
	_, _, err = w.get("stranger", put.RecordID, ccdbclient.GetOptions{})
	require.ErrorIs(t, err, ccdbclient.ErrNoGrant)
	_, _, err = w.get("nurse", 42, ccdbclient.GetOptions{})
	require.ErrorIs(t, err, ccdbclient.ErrRecordNotFound)

	// Revoked: the client finds no grant, and the chain refuses the named one.
	require.ErrorIs(t, w.clients["nurse"].Revoke(ctx, put.GrantID), ccdbclient.ErrNotOwner)
	require.NoError(t, margaret.Revoke(ctx, put.GrantID))
	_, _, err = w.get("nurse", put.RecordID, ccdbclient.GetOptions{})
	require.ErrorIs(t, err, ccdbclient.ErrNoGrant)
	_, _, err = w.get("nurse", put.RecordID, ccdbclient.GetOptions{GrantID: put.GrantID})
	require.True(t, txsubmit.IsError(err, ccdbtypes.ErrGrantRevoked), "%v", err)

	// The son asks, Margaret approves, the son reads.
	reqID, err := w.clients["son"].Request(ctx, ccdbclient.RequestOptions{
		RecordID: put.RecordID, Purpose: "family check-in", PurposeCode: ccdbtypes.PURPOSE_CODE_FAMILY, Duration: 7 * 24 * time.Hour,
	})
	require.NoError(t, err)
	_, err = w.clients["son"].Approve(ctx, reqID, 0)
	require.ErrorIs(t, err, ccdbclient.ErrNotOwner)
	sonGrant, err := margaret.Approve(ctx, reqID, 0)
	require.NoError(t, err)
	plain, _, err = w.get("son", put.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, export, plain)

	// Re-keying seals version 2 to Margaret and the son only.
	up, err := margaret.Rekey(ctx, put.RecordID)
	require.NoError(t, err)
	require.Equal(t, uint64(2), up.Version)
	require.Equal(t, []string{w.address("son")}, up.Readers)
	plain, res, err = w.get("son", put.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, export, plain)
	require.Equal(t, uint64(2), res.Version)
	require.Equal(t, sonGrant, res.GrantID)

	// A tag grant covers a record put later.
	tagGrant, err := margaret.Grant(ctx, ccdbclient.GrantOptions{
		Grantee: w.address("nurse"), Tag: "home-sensors", Purpose: "home care", PurposeCode: ccdbtypes.PURPOSE_CODE_CARE, Expires: 24 * time.Hour,
	})
	require.NoError(t, err)
	later, err := margaret.Put(ctx, strings.NewReader("later reading"), ccdbclient.PutOptions{Tags: []string{"home-sensors"}})
	require.NoError(t, err)
	plain, res, err = w.get("nurse", later.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, "later reading", string(plain))
	require.Equal(t, tagGrant, res.GrantID)

	// Erasure: the custodian carries it out and attests; the record is gone.
	require.ErrorIs(t, w.clients["son"].Erase(ctx, put.RecordID), ccdbclient.ErrNotOwner)
	require.NoError(t, margaret.Erase(ctx, put.RecordID))
	w.sync()
	waitCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	st, err := margaret.WaitErased(waitCtx, put.RecordID, 10*time.Millisecond)
	require.NoError(t, err)
	require.Len(t, st.Attestations, 1)
	_, _, err = w.get("son", put.RecordID, ccdbclient.GetOptions{})
	require.ErrorIs(t, err, ccdbclient.ErrNotActive)

	rows, err := w.clients["stranger"].Audit(ctx, put.RecordID)
	require.NoError(t, err)
	var events []string
	for _, r := range rows {
		events = append(events, r.Event)
	}
	require.Equal(t, []string{
		"RECORD_PUT", "GRANT_CREATED", "RECORD_ACCESSED", "GRANT_REVOKED", "ACCESS_REQUESTED", "GRANT_CREATED",
		"REQUEST_APPROVED", "RECORD_ACCESSED", "RECORD_UPDATED", "RECORD_ACCESSED", "GRANT_CREATED", "ERASURE_REQUESTED",
		"ERASURE_ATTESTED", "RECORD_ERASED", "GRANT_ENDED_BY_ERASURE",
	}, events)
}

// A put races another: the record ID it bound its envelopes to is taken,
// so it re-seals for the next ID and retries.
func TestPutRetriesWhenItsRecordIDIsTaken(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	racer := &racingSubmitter{Submitter: w.clients["margaret"].Txs, before: func() {
		_, err := w.clients["son"].Put(ctx, strings.NewReader("the son's own record"), ccdbclient.PutOptions{})
		require.NoError(t, err)
	}}
	margaret := *w.clients["margaret"]
	margaret.Txs = racer
	put, err := margaret.Put(ctx, strings.NewReader("margaret"), ccdbclient.PutOptions{})
	require.NoError(t, err)
	require.Equal(t, uint64(2), put.RecordID)
	require.Equal(t, 2, racer.calls)
	plain, _, err := w.get("margaret", put.RecordID, ccdbclient.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, "margaret", string(plain), "the owner envelope is bound to the ID the record got")
}

// racingSubmitter lets another transaction in before its first submission.
type racingSubmitter struct {
	ccdbclient.Submitter
	before func()
	calls  int
}

func (r *racingSubmitter) Submit(ctx context.Context, msgs ...sdk.Msg) (txsubmit.Result, error) {
	r.calls++
	if r.calls == 1 {
		r.before()
	}
	return r.Submitter.Submit(ctx, msgs...)
}
