package companion

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/envelope"
)

// The owner gets her record without a receipt; the nurse only with a
// committed receipt under a live grant, and only her own envelope; the
// stranger never; after revocation the nurse is refused and her envelope
// leaves the store.
func TestReleaseFollowsTheChain(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, []byte("kitchen motion 07:02, door 07:15"))
	h.sync()
	reasons := h.pinReasons()
	require.Equal(t, s.cid, reasons[recordReason(id, 1)], "the custodian pins the version")
	ownerCommitment := envelope.Commitment(s.ownerEnv)
	ownerEnvCID, err := EnvelopeCID(ownerCommitment[:])
	require.NoError(t, err)
	require.Equal(t, ownerEnvCID.String(), reasons[envelopeReason(id, 1, h.margaret.Address.String())])

	// Margaret, the owner.
	env, rel, err := h.companion(h.margaret).DownloadEnvelope(ctx, id, 0, 0)
	require.NoError(t, err)
	require.Equal(t, s.ownerEnv, env)
	require.Zero(t, rel.ReceiptID)
	var ct bytes.Buffer
	_, rel, err = h.companion(h.margaret).DownloadCiphertext(ctx, id, 0, 0, &ct)
	require.NoError(t, err)
	require.Equal(t, s.ciphertext, ct.Bytes())
	require.Equal(t, s.cid, rel.CID)
	require.Equal(t, s.sha256[:], rel.SHA256)

	// The nurse before any grant or receipt.
	nurse := h.companion(h.nurse)
	_, _, err = nurse.DownloadEnvelope(ctx, id, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	require.ErrorContains(t, err, "no read receipt")

	grantID := h.grant(h.margaret, h.nurse, id, s, 0)
	_, _, err = nurse.DownloadCiphertext(ctx, id, 0, 0, &bytes.Buffer{})
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "a grant is not a receipt: %v", err)

	height := h.read(h.nurse, id, grantID)
	env, rel, err = nurse.DownloadEnvelope(ctx, id, 0, height)
	require.NoError(t, err)
	require.NotZero(t, rel.ReceiptID)
	dek, err := envelope.Open(h.keys[h.nurse.Address.String()], env, h.binding(id, 1, h.nurse))
	require.NoError(t, err)
	require.Equal(t, s.dek, dek)
	ct.Reset()
	_, _, err = nurse.DownloadCiphertext(ctx, id, 0, height, &ct)
	require.NoError(t, err)
	require.Equal(t, s.ciphertext, ct.Bytes())
	_, _, err = nurse.DownloadCiphertext(ctx, id, 2, height, &ct)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "only the receipt's version: %v", err)

	// The stranger, and the record that does not exist.
	_, _, err = h.companion(h.stranger).DownloadEnvelope(ctx, id, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	_, _, err = nurse.DownloadEnvelope(ctx, 99, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeNotFound), "%v", err)

	h.sync()
	require.Contains(t, h.pinReasons(), envelopeReason(id, 1, h.nurse.Address.String()), "the custodian keeps the nurse's envelope")

	// Revoked: the receipt no longer authorizes, and the envelope goes.
	h.deliver(h.margaret, revokeMsg(h, grantID))
	_, _, err = nurse.DownloadEnvelope(ctx, id, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	require.ErrorContains(t, err, "REVOKED")
	h.sync()
	require.NotContains(t, h.pinReasons(), envelopeReason(id, 1, h.nurse.Address.String()))
	require.Contains(t, h.pinReasons(), recordReason(id, 1), "the record itself stays")
}
