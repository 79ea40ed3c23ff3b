package companion

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/ipfsnode"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// On erasure the custodian unpins and collects every block and envelope of
// the record, then attests with the operator key; with one member that
// completes the erasure.
func TestErasureIsCarriedOutAndAttested(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, bytes.Repeat([]byte("sensor row\n"), 40_000)) // several blocks
	keep, keepStored := h.put(h.margaret, []byte("another record"))
	h.grant(h.margaret, h.nurse, id, s, 0)
	h.sync()
	before, err := h.repo.Stat(ctx)
	require.NoError(t, err)

	h.deliver(h.margaret, &ccdbtypes.MsgEraseRecord{Owner: h.margaret.Address.String(), RecordId: id})
	h.sync()

	q := ccdbtypes.NewQueryClient(h.svc.chain)
	st, err := q.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASED, st.Status)
	require.Len(t, st.Attestations, 1)
	a := st.Attestations[0]
	require.Equal(t, h.city.Address.String(), a.Custodian)
	require.Equal(t, uint64(2), a.EnvelopesDeleted, "the owner's and the nurse's")
	require.Positive(t, a.BlocksDeleted)
	require.Contains(t, a.Statement, "record 1")

	for reason := range h.pinReasons() {
		require.NotContains(t, reason, "/1/", "nothing of record 1 stays pinned")
	}
	root, err := ipfsnode.ParseCID(s.cid)
	require.NoError(t, err)
	_, err = h.repo.Cat(ctx, root)
	require.ErrorIs(t, err, ipfsnode.ErrContentNotFound, "the blocks are gone")
	after, err := h.repo.Stat(ctx)
	require.NoError(t, err)
	require.Equal(t, before.Blocks-a.BlocksDeleted, after.Blocks)

	// The other record is untouched and still served to its owner.
	var ct bytes.Buffer
	_, _, err = h.companion(h.margaret).DownloadCiphertext(ctx, keep, 0, 0, &ct)
	require.NoError(t, err)
	require.Equal(t, keepStored.ciphertext, ct.Bytes())
	_, _, err = h.companion(h.margaret).DownloadCiphertext(ctx, id, 0, 0, &ct)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)

	// A second pass (as after a restart) does not attest twice.
	h.sync()
	st, err = q.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Len(t, st.Attestations, 1)
}

// The last read of an exhausted grant may still be downloading: its
// envelope goes only once receipt_validity has passed.
func TestExhaustedGrantEnvelopeGoesAfterReceiptValidity(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, []byte("one read only"))
	grantID := h.grant(h.margaret, h.nurse, id, s, 1)
	height := h.read(h.nurse, id, grantID)
	h.sync()
	reason := envelopeReason(id, 1, h.nurse.Address.String())
	require.Contains(t, h.pinReasons(), reason)
	_, _, err := h.companion(h.nurse).DownloadEnvelope(ctx, id, 0, height)
	require.NoError(t, err, "the exhausting read is served")

	h.advance(10 * time.Minute)
	h.sync()
	require.NotContains(t, h.pinReasons(), reason)
	_, _, err = h.companion(h.nurse).DownloadEnvelope(ctx, id, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
}

// The cursor survives a restart: a new service on the same state resumes
// after the last block processed, and processes what came since.
func TestCursorSurvivesRestart(t *testing.T) {
	h := newHarness(t)
	h.put(h.margaret, []byte("first"))
	h.sync()
	processed := h.svc.state.Height
	require.Equal(t, h.chain.Height, processed)
	require.NoError(t, h.svc.Close())

	restarted, err := New(context.Background(), h.svc.settings, Deps{
		Chain: h.svc.chain, Store: h.repo, Attester: h.svc.attester, StateDir: stateDirOf(h.svc), Logger: h.svc.logger,
	})
	require.NoError(t, err)
	t.Cleanup(func() { restarted.Close() })
	require.Equal(t, processed, restarted.state.Height)
	id, _ := h.put(h.margaret, []byte("second"))
	require.NoError(t, restarted.Sync(context.Background()))
	require.Equal(t, h.chain.Height, restarted.state.Height)
	require.Contains(t, h.pinReasons(), recordReason(id, 1))
}

// An expired grant ends in EndBlock (an event of FinalizeBlock, not of a
// transaction): the custodian deletes its envelope all the same.
func TestExpiredGrantEnvelopeGoes(t *testing.T) {
	h := newHarness(t)
	id, s := h.put(h.margaret, []byte("for a minute"))
	env := h.seal(s.dek, id, 1, h.nurse)
	_, err := h.companion(h.margaret).UploadEnvelope(context.Background(), env)
	require.NoError(t, err)
	c := envelope.Commitment(env)
	msg := grantMsg(h, h.margaret, h.nurse, id, c[:])
	msg.ExpiresAt = h.chain.Time.Add(time.Minute)
	h.deliver(h.margaret, msg)
	h.sync()
	reason := envelopeReason(id, 1, h.nurse.Address.String())
	require.Contains(t, h.pinReasons(), reason)
	h.advance(2 * time.Minute)
	h.sync()
	require.NotContains(t, h.pinReasons(), reason)
	require.Contains(t, h.pinReasons(), recordReason(id, 1))
}

// A node without an operator key still erases, keeps the attestation
// queued, and submits it once a key is configured.
func TestErasureWithoutOperatorKeyIsAttestedLater(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, []byte("erase me"))
	h.sync()
	attester := h.svc.attester
	h.svc.attester = nil

	h.deliver(h.margaret, &ccdbtypes.MsgEraseRecord{Owner: h.margaret.Address.String(), RecordId: id})
	h.sync()
	root, err := ipfsnode.ParseCID(s.cid)
	require.NoError(t, err)
	_, err = h.repo.Cat(ctx, root)
	require.ErrorIs(t, err, ipfsnode.ErrContentNotFound, "erased without a key")
	q := ccdbtypes.NewQueryClient(h.svc.chain)
	st, err := q.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASE_PENDING, st.Status)
	require.Empty(t, st.Attestations)
	require.Len(t, h.svc.state.Attestations, 1, "the attestation waits for a key")

	h.svc.attester = attester
	h.sync()
	st, err = q.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASED, st.Status)
	require.Len(t, st.Attestations, 1)
}

// A custodian catching up meets a record's put, grant and erasure in one
// pass: it pins from the events without asking the chain whether the record
// is still live, and the erasure later in the same pass unpins and collects
// it all again.
func TestErasureMetWhileCatchingUp(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, bytes.Repeat([]byte("sensor row\n"), 40_000))
	h.grant(h.margaret, h.nurse, id, s, 0)
	h.deliver(h.margaret, &ccdbtypes.MsgEraseRecord{Owner: h.margaret.Address.String(), RecordId: id})
	h.sync()

	for reason := range h.pinReasons() {
		require.NotContains(t, reason, "/1/", "nothing of record 1 stays pinned")
	}
	root, err := ipfsnode.ParseCID(s.cid)
	require.NoError(t, err)
	_, err = h.repo.Cat(ctx, root)
	require.ErrorIs(t, err, ipfsnode.ErrContentNotFound, "the blocks are gone")
	st, err := ccdbtypes.NewQueryClient(h.svc.chain).ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: id})
	require.NoError(t, err)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASED, st.Status)
	require.Equal(t, uint64(2), st.Attestations[0].EnvelopesDeleted, "the owner's and the nurse's")
}

// Events from before EventRecordPut carried the owner's envelope
// commitment: the custodian reads it from the chain instead.
func TestVersionEventWithoutCommitment(t *testing.T) {
	h := newHarness(t)
	id, s := h.put(h.margaret, []byte("older event"))
	owner := h.margaret.Address.String()
	require.NoError(t, h.svc.keepVersion(context.Background(), versionEvent{recordID: id, version: 1, owner: owner, cid: s.cid}))

	commitment := envelope.Commitment(s.ownerEnv)
	env, err := EnvelopeCID(commitment[:])
	require.NoError(t, err)
	pins := h.pinReasons()
	require.Equal(t, s.cid, pins[recordReason(id, 1)])
	require.Equal(t, env.String(), pins[envelopeReason(id, 1, owner)])
}

// A new version's ciphertext and owner envelope are pinned from its event,
// beside the first version's.
func TestNewVersionIsPinned(t *testing.T) {
	h := newHarness(t)
	id, _ := h.put(h.margaret, []byte("first version"))
	h.sync()
	v2 := h.upload(h.margaret, id, []byte("second version"))
	ownerEnv := h.seal(v2.dek, id, 2, h.margaret)
	_, err := h.companion(h.margaret).UploadEnvelope(context.Background(), ownerEnv)
	require.NoError(t, err)
	commitment := envelope.Commitment(ownerEnv)
	h.deliver(h.margaret, &ccdbtypes.MsgUpdateRecord{
		Owner: h.margaret.Address.String(), RecordId: id, Cid: v2.cid, CiphertextSha256: v2.sha256[:], Size_: uint64(len(v2.ciphertext)),
		EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM, OwnerEnvelopeCommitment: commitment[:],
	})
	h.sync()

	env, err := EnvelopeCID(commitment[:])
	require.NoError(t, err)
	pins := h.pinReasons()
	require.Contains(t, pins, recordReason(id, 1))
	require.Equal(t, v2.cid, pins[recordReason(id, 2)])
	require.Equal(t, env.String(), pins[envelopeReason(id, 2, h.margaret.Address.String())])
}

// A grant's end drops the grantee's envelope only if no other live grant
// of hers still covers the record.
func TestEnvelopeStaysWhileAnotherGrantCovers(t *testing.T) {
	h := newHarness(t)
	id, s := h.put(h.margaret, []byte("weekly readings"))
	first := h.grant(h.margaret, h.nurse, id, s, 0)
	second := h.grant(h.margaret, h.nurse, id, s, 0)
	h.sync()
	reason := envelopeReason(id, 1, h.nurse.Address.String())
	require.Contains(t, h.pinReasons(), reason)

	h.deliver(h.margaret, revokeMsg(h, first))
	h.sync()
	require.Contains(t, h.pinReasons(), reason, "the second grant still covers the record")

	h.deliver(h.margaret, revokeMsg(h, second))
	h.sync()
	require.NotContains(t, h.pinReasons(), reason)
}
