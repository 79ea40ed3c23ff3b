package companion

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
)

// do sends a prepared request and returns the status and error code.
func do(t *testing.T, req *http.Request) (int, api.Error) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var e api.Error
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e
}

// signedGet is a download request signed by key for the given service.
func (h *harness) signedGet(t *testing.T, key *secp256k1.PrivKey, path, service string, at time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, h.url+path, nil)
	require.NoError(t, err)
	require.NoError(t, requestauth.Sign(req, emptyBody, requestauth.PrivKeySigner{Key: key}, apptest.ChainID, service, at))
	return req
}

// Replayed, forged, misdirected and stale requests are refused with 401 and
// a message naming the check, before the chain is even asked.
func TestServiceRefusesBadSignatures(t *testing.T) {
	h := newHarness(t)
	h.put(h.margaret, []byte("data"))
	path := strings.Replace(api.PathRecordEnvelope, "{id}", "1", 1)

	ok := h.signedGet(t, h.margaret.Key, path, h.svc.ServiceID(), time.Now())
	status, _ := do(t, ok)
	require.Equal(t, http.StatusOK, status)
	status, e := do(t, ok.Clone(ok.Context()))
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, api.CodeUnauthenticated, e.Code)
	require.Contains(t, e.Error, "replayed")

	forged := h.signedGet(t, h.stranger.Key, path, h.svc.ServiceID(), time.Now())
	forged.Header.Set(requestauth.HeaderAddress, h.margaret.Address.String())
	status, e = do(t, forged)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, e.Error, "does not belong to the claimed address")

	tampered := h.signedGet(t, h.margaret.Key, path, h.svc.ServiceID(), time.Now())
	tampered.URL.RawQuery = "version=1"
	status, e = do(t, tampered)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, e.Error, "signature does not verify")

	elsewhere := h.signedGet(t, h.margaret.Key, path, "another-node", time.Now())
	status, e = do(t, elsewhere)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, e.Error, "another companion service")

	stale := h.signedGet(t, h.margaret.Key, path, h.svc.ServiceID(), time.Now().Add(-10*time.Minute))
	status, e = do(t, stale)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, e.Error, "expired")

	unsigned, err := http.NewRequest(http.MethodGet, h.url+path, nil)
	require.NoError(t, err)
	status, e = do(t, unsigned)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, e.Error, "not signed")
}

// An account that has never signed a transaction has no key on chain; its
// request still authenticates (by its address) and the chain decides.
func TestServiceAuthenticatesAccountsWithoutAKeyOnChain(t *testing.T) {
	h := newHarness(t)
	h.put(h.margaret, []byte("data"))
	path := strings.Replace(api.PathRecordEnvelope, "{id}", "1", 1)
	fresh := secp256k1.GenPrivKeyFromSecret([]byte("not on chain"))
	status, e := do(t, h.signedGet(t, fresh, path, h.svc.ServiceID(), time.Now()))
	require.Equal(t, http.StatusForbidden, status, e.Error)
	require.Contains(t, e.Error, "no read receipt")
}

var emptyBody = sha256.Sum256(nil)
