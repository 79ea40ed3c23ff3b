package requestauth

import (
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	chainID   = "msec-test"
	serviceID = "node-a"
	skew      = 2 * time.Minute
)

var (
	margaret = PrivKeySigner{Key: secp256k1.GenPrivKeyFromSecret([]byte("margaret"))}
	stranger = PrivKeySigner{Key: secp256k1.GenPrivKeyFromSecret([]byte("stranger"))}
	body     = sha256.Sum256([]byte("ciphertext"))
	t0       = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

// accounts is the chain's view of account keys.
type accounts map[string]cryptotypes.PubKey

func (a accounts) AccountPubKey(_ context.Context, addr string) (cryptotypes.PubKey, error) {
	return a[addr], nil
}

func newTestVerifier(keys accounts) *Verifier {
	v := NewVerifier(chainID, serviceID, skew, 100, keys)
	v.now = func() time.Time { return t0 }
	return v
}

func signed(t *testing.T, s Signer, target string, at time.Time, chain, service string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if err := Sign(r, body, s, chain, service, at); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerifyAcceptsASignedRequestOnce(t *testing.T) {
	v := newTestVerifier(accounts{margaret.Address(): margaret.PubKey()})
	r := signed(t, margaret, "/v1/records/7/ciphertext?version=2&min_height=10", t0, chainID, serviceID)
	c, err := v.Verify(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if c.Address != margaret.Address() || c.BodySHA256 != body {
		t.Fatalf("caller %+v", c)
	}
	if err := VerifyBody(c, body); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), r); !errors.Is(err, ErrReplay) {
		t.Fatalf("replay: got %v", err)
	}
	// Once the window has passed the request is refused as expired, not
	// accepted again because its nonce was forgotten.
	v.now = func() time.Time { return t0.Add(skew + time.Second) }
	if _, err := v.Verify(context.Background(), r); !errors.Is(err, ErrExpired) {
		t.Fatalf("after the window: got %v", err)
	}
}

// Every other refusal, each with the one error that names it.
func TestVerifyRefusals(t *testing.T) {
	all := []error{ErrMissing, ErrMalformed, ErrWrongChain, ErrWrongService, ErrExpired, ErrFuture,
		ErrKeyAddressMismatch, ErrBadSignature, ErrReplay, ErrAccountKeyMismatch}
	cases := map[string]struct {
		request func(t *testing.T) *http.Request
		keys    accounts
		want    error
	}{
		"unsigned": {func(t *testing.T) *http.Request {
			return httptest.NewRequest(http.MethodGet, "/v1/info", nil)
		}, nil, ErrMissing},
		"wrong chain": {func(t *testing.T) *http.Request {
			return signed(t, margaret, "/v1/x", t0, "other-chain", serviceID)
		}, nil, ErrWrongChain},
		"wrong service": {func(t *testing.T) *http.Request {
			return signed(t, margaret, "/v1/x", t0, chainID, "node-b")
		}, nil, ErrWrongService},
		"expired": {func(t *testing.T) *http.Request {
			return signed(t, margaret, "/v1/x", t0.Add(-skew-time.Second), chainID, serviceID)
		}, nil, ErrExpired},
		"from the future": {func(t *testing.T) *http.Request {
			return signed(t, margaret, "/v1/x", t0.Add(skew+time.Second), chainID, serviceID)
		}, nil, ErrFuture},
		"key of another address": {func(t *testing.T) *http.Request {
			r := signed(t, stranger, "/v1/x", t0, chainID, serviceID)
			r.Header.Set(HeaderAddress, margaret.Address())
			return r
		}, nil, ErrKeyAddressMismatch},
		"tampered path": {func(t *testing.T) *http.Request {
			r := signed(t, margaret, "/v1/records/7/ciphertext", t0, chainID, serviceID)
			r.URL.Path = "/v1/records/8/ciphertext"
			return r
		}, nil, ErrBadSignature},
		"tampered query": {func(t *testing.T) *http.Request {
			r := signed(t, margaret, "/v1/records/7/ciphertext?version=1", t0, chainID, serviceID)
			r.URL.RawQuery = "version=2"
			return r
		}, nil, ErrBadSignature},
		"tampered body hash": {func(t *testing.T) *http.Request {
			r := signed(t, margaret, "/v1/x", t0, chainID, serviceID)
			r.Header.Set(HeaderBodySHA256, "00"+r.Header.Get(HeaderBodySHA256)[2:])
			return r
		}, nil, ErrBadSignature},
		"signature by another key": {func(t *testing.T) *http.Request {
			r := signed(t, margaret, "/v1/x", t0, chainID, serviceID)
			forged := signed(t, stranger, "/v1/x", t0, chainID, serviceID)
			r.Header.Set(HeaderSignature, forged.Header.Get(HeaderSignature))
			return r
		}, nil, ErrBadSignature},
		"other key on chain": {func(t *testing.T) *http.Request {
			return signed(t, margaret, "/v1/x", t0, chainID, serviceID)
		}, accounts{margaret.Address(): stranger.PubKey()}, ErrAccountKeyMismatch},
		"malformed nonce": {func(t *testing.T) *http.Request {
			r := signed(t, margaret, "/v1/x", t0, chainID, serviceID)
			r.Header.Set(HeaderNonce, "xyz")
			return r
		}, nil, ErrMalformed},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := newTestVerifier(tc.keys).Verify(context.Background(), tc.request(t))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			for _, other := range all {
				if other != tc.want && errors.Is(err, other) {
					t.Fatalf("%v also matches %v", err, other)
				}
			}
		})
	}
}

// A signed body hash binds the body: another body is refused.
func TestVerifyBodyRefusesAnotherBody(t *testing.T) {
	v := newTestVerifier(nil)
	c, err := v.Verify(context.Background(), signed(t, margaret, "/v1/ciphertext", t0, chainID, serviceID))
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBody(c, sha256.Sum256([]byte("other ciphertext"))); !errors.Is(err, ErrBodyMismatch) {
		t.Fatalf("got %v", err)
	}
}

// Query parameters may be reordered by a proxy; the signature still holds.
func TestCanonicalQueryIgnoresParameterOrder(t *testing.T) {
	v := newTestVerifier(nil)
	r := signed(t, margaret, "/v1/x?b=2&a=1", t0, chainID, serviceID)
	r.URL.RawQuery = "a=1&b=2"
	if _, err := v.Verify(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

func TestNonceCacheIsBounded(t *testing.T) {
	v := NewVerifier(chainID, serviceID, skew, 2, nil)
	v.now = func() time.Time { return t0 }
	for i := 0; i < 2; i++ {
		if _, err := v.Verify(context.Background(), signed(t, margaret, "/v1/x", t0, chainID, serviceID)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := v.Verify(context.Background(), signed(t, margaret, "/v1/x", t0, chainID, serviceID)); !errors.Is(err, ErrTooManyNonces) {
		t.Fatalf("got %v", err)
	}
	v.now = func() time.Time { return t0.Add(skew + time.Second) }
	if _, err := v.Verify(context.Background(), signed(t, margaret, "/v1/x", t0.Add(skew), chainID, serviceID)); err != nil {
		t.Fatalf("expired nonces make room: %v", err)
	}
}

func init() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount("msec", "msecpub")
}
