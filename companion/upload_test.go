package companion

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/envelope"
)

// rawUpload sends body to path signed by a for bodyHash, with the given
// Content-Length (-1: chunked, length unknown to the service).
func (h *harness) rawUpload(a apptest.Account, path string, body []byte, bodyHash [32]byte, length int64) (*http.Response, api.Error) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.url+path, io.NopCloser(bytes.NewReader(body)))
	require.NoError(h.t, err)
	req.ContentLength = length
	require.NoError(h.t, requestauth.Sign(req, bodyHash, requestauth.PrivKeySigner{Key: a.Key}, apptest.ChainID, h.svc.ServiceID(), time.Now()))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(h.t, err)
	defer resp.Body.Close()
	var e api.Error
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp, e
}

func (h *harness) blocks() uint64 {
	h.t.Helper()
	st, err := h.repo.Stat(context.Background())
	require.NoError(h.t, err)
	return st.Blocks
}

// An upload over the limit is refused and leaves nothing: at once when the
// length is declared, after the next collection when it is streamed.
func TestUploadSizeLimit(t *testing.T) {
	h := newHarness(t)
	big := make([]byte, 1<<20+1)
	_, _ = rand.Read(big)
	sum := sha256.Sum256(big)

	resp, e := h.rawUpload(h.margaret, api.PathCiphertext, big, sum, int64(len(big)))
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Equal(t, api.CodeTooLarge, e.Code)
	require.Contains(t, e.Error, "limit of 1048576 bytes")
	require.Zero(t, h.blocks(), "nothing read, nothing stored")

	resp, e = h.rawUpload(h.margaret, api.PathCiphertext, big, sum, -1)
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Equal(t, api.CodeTooLarge, e.Code)
	_, err := h.svc.SweepUploads(context.Background(), true)
	require.NoError(t, err)
	require.Zero(t, h.blocks(), "the blocks streamed before the limit are collected")
	require.Empty(t, h.pinReasons())

	// Exactly the limit is fine.
	ok := big[:1<<20]
	up, err := h.companion(h.margaret).UploadCiphertext(context.Background(), bytes.NewReader(ok), int64(len(ok)), sha256.Sum256(ok))
	require.NoError(t, err)
	require.Equal(t, int64(1<<20), up.Size)

	// Envelopes have their own, smaller limit.
	_, err = h.companion(h.margaret).UploadEnvelope(context.Background(), make([]byte, 4097))
	require.True(t, ccdbclient.IsServiceError(err, api.CodeTooLarge), "%v", err)
}

// A body that is not the one signed is refused and not kept.
func TestUploadBodyMustMatchItsSignature(t *testing.T) {
	h := newHarness(t)
	body := []byte("ciphertext as sent")
	signed := sha256.Sum256([]byte("ciphertext as signed"))
	for _, path := range []string{api.PathCiphertext, api.PathEnvelopes} {
		resp, e := h.rawUpload(h.margaret, path, body, signed, int64(len(body)))
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, path)
		require.Equal(t, api.CodeBodyMismatch, e.Code, path)
	}
	_, err := h.svc.SweepUploads(context.Background(), true)
	require.NoError(t, err)
	require.Empty(t, h.pinReasons())
	require.Zero(t, h.blocks())
}

// An upload no record adopts is collected after upload_ttl; one a record
// references is adopted by the custodian (pinned for the record, no longer
// for the upload) and stays.
func TestUnreferencedUploadsExpire(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	orphan := []byte("uploaded, never registered")
	_, err := h.companion(h.margaret).UploadCiphertext(ctx, bytes.NewReader(orphan), int64(len(orphan)), sha256.Sum256(orphan))
	require.NoError(t, err)
	id, _ := h.put(h.margaret, []byte("registered"))
	h.sync()
	pins, err := h.repo.Pins(ctx)
	require.NoError(t, err)
	uploads := 0
	for _, p := range pins {
		for _, reason := range p.Reasons {
			if _, ok := uploadDeadline(reason); ok {
				uploads++
			}
		}
	}
	require.Equal(t, 1, uploads, "the record's ciphertext and envelope are no longer kept as uploads")

	n, err := h.svc.SweepUploads(ctx, false)
	require.NoError(t, err)
	require.Zero(t, n, "nothing has expired yet")

	h.svc.now = func() time.Time { return time.Now().Add(time.Hour + time.Minute) }
	n, err = h.svc.SweepUploads(ctx, false)
	require.NoError(t, err)
	require.Equal(t, 1, n, "only the orphan: the custodian adopted the record's uploads")
	reasons := h.pinReasons()
	require.Len(t, reasons, 2)
	require.Contains(t, reasons, recordReason(id, 1))
	require.Contains(t, reasons, envelopeReason(id, 1, h.margaret.Address.String()))
	var ct bytes.Buffer
	_, _, err = h.companion(h.margaret).DownloadCiphertext(ctx, id, 0, 0, &ct)
	require.NoError(t, err)
}

// The service releases only the envelope whose SHA-256 the chain commits:
// an envelope the owner uploaded but did not commit is never released in
// its place.
func TestOnlyTheCommittedEnvelopeIsReleased(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, []byte("data"))
	uploaded := h.seal(s.dek, id, 1, h.nurse)
	_, err := h.companion(h.margaret).UploadEnvelope(ctx, uploaded)
	require.NoError(t, err)
	committed := h.seal(s.dek, id, 1, h.nurse) // sealed again: another envelope, never uploaded
	require.NotEqual(t, envelope.Commitment(uploaded), envelope.Commitment(committed))
	c := envelope.Commitment(committed)
	res := h.deliver(h.margaret, grantMsg(h, h.margaret, h.nurse, id, c[:]))
	grantID := grantIDOf(t, res)
	height := h.read(h.nurse, id, grantID)
	h.svc.settings.FetchTimeout = time.Second
	_, _, err = h.companion(h.nurse).DownloadEnvelope(ctx, id, 0, height)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeContentMissing), "%v", err)
}

// Only accounts with an encryption key on chain may store anything: a
// signed request alone does not buy storage.
func TestUploadNeedsARegisteredAccount(t *testing.T) {
	h := newHarness(t)
	body := []byte("ciphertext from nobody")
	sum := sha256.Sum256(body)
	for _, path := range []string{api.PathCiphertext, api.PathEnvelopes} {
		resp, e := h.rawUpload(h.city.Account, path, body, sum, int64(len(body)))
		require.Equal(t, http.StatusForbidden, resp.StatusCode, path)
		require.Equal(t, api.CodeForbidden, e.Code, path)
		require.Contains(t, e.Error, "no encryption key on chain", path)
	}
	require.Zero(t, h.blocks(), "nothing stored")

	resp, _ := h.rawUpload(h.margaret, api.PathCiphertext, body, sum, int64(len(body)))
	require.Equal(t, http.StatusCreated, resp.StatusCode)
}
