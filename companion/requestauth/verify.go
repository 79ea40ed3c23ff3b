package requestauth

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AccountKeys looks up the public key an account has on chain.
type AccountKeys interface {
	// AccountPubKey returns the account's public key, or nil when the
	// account does not exist or has not signed a transaction yet.
	AccountPubKey(ctx context.Context, address string) (cryptotypes.PubKey, error)
}

// Caller is who signed a verified request.
type Caller struct {
	Address string
	PubKey  cryptotypes.PubKey
	// BodySHA256 is the SHA-256 the caller signed for the body; the service
	// checks it against the body it reads (VerifyBody).
	BodySHA256 [32]byte
}

// Verifier checks signed requests for one service on one chain.
type Verifier struct {
	chainID   string
	serviceID string
	maxSkew   time.Duration
	accounts  AccountKeys
	nonces    *nonceCache
	now       func() time.Time
}

// NewVerifier returns a verifier accepting timestamps within maxSkew of its
// clock and remembering up to maxNonces recent nonces. accounts may be nil
// to skip the on-chain key check.
func NewVerifier(chainID, serviceID string, maxSkew time.Duration, maxNonces int, accounts AccountKeys) *Verifier {
	return &Verifier{
		chainID: chainID, serviceID: serviceID, maxSkew: maxSkew, accounts: accounts,
		nonces: newNonceCache(maxNonces), now: time.Now,
	}
}

// Verify authenticates r and returns its signer. Checks, in order: headers
// present and well-formed, chain and service, timestamp window, public key
// against address, signature, the account's key on chain, and finally the
// nonce (recorded only for requests that passed every other check).
func (v *Verifier) Verify(ctx context.Context, r *http.Request) (Caller, error) {
	h, err := readHeaders(r.Header)
	if err != nil {
		return Caller{}, err
	}
	if h.chainID != v.chainID {
		return Caller{}, fmt.Errorf("%w: signed for %q, this service is on %q", ErrWrongChain, h.chainID, v.chainID)
	}
	if h.serviceID != v.serviceID {
		return Caller{}, fmt.Errorf("%w: signed for %q, this service is %q", ErrWrongService, h.serviceID, v.serviceID)
	}
	now := v.now()
	switch age := now.Sub(h.timestamp); {
	case age > v.maxSkew:
		return Caller{}, fmt.Errorf("%w: signed %s ago, the window is %s (check your clock)", ErrExpired, age.Round(time.Second), v.maxSkew)
	case -age > v.maxSkew:
		return Caller{}, fmt.Errorf("%w: %s ahead of this service's clock, the window is %s", ErrFuture, (-age).Round(time.Second), v.maxSkew)
	}
	claimed, err := sdk.AccAddressFromBech32(h.address)
	if err != nil {
		return Caller{}, fmt.Errorf("%w: address %q: %v", ErrMalformed, h.address, err)
	}
	if !bytes.Equal(claimed, h.pubKey.Address()) {
		return Caller{}, fmt.Errorf("%w: the key's address is %s, the request claims %s",
			ErrKeyAddressMismatch, sdk.AccAddress(h.pubKey.Address()), h.address)
	}
	msg, err := Request{
		ChainID: h.chainID, ServiceID: h.serviceID, Method: r.Method, Path: r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery, BodySHA256: h.bodySHA256, Timestamp: h.timestamp, Nonce: h.nonce,
	}.Canonical()
	if err != nil {
		return Caller{}, err
	}
	if !h.pubKey.VerifySignature(msg, h.signature) {
		return Caller{}, fmt.Errorf("%w: for %s %s by %s", ErrBadSignature, r.Method, r.URL.Path, h.address)
	}
	if v.accounts != nil {
		onChain, err := v.accounts.AccountPubKey(ctx, h.address)
		if err != nil {
			return Caller{}, fmt.Errorf("looking up account %s: %w", h.address, err)
		}
		if onChain != nil && !onChain.Equals(h.pubKey) {
			return Caller{}, fmt.Errorf("%w: %s", ErrAccountKeyMismatch, h.address)
		}
	}
	if err := v.nonces.use(h.address+"/"+h.nonce, h.timestamp.Add(v.maxSkew), now); err != nil {
		return Caller{}, err
	}
	return Caller{Address: h.address, PubKey: h.pubKey, BodySHA256: h.bodySHA256}, nil
}

// VerifyBody checks that the body read has the SHA-256 the caller signed.
func VerifyBody(c Caller, actual [32]byte) error {
	if actual != c.BodySHA256 {
		return fmt.Errorf("%w: signed %x, received %x", ErrBodyMismatch, c.BodySHA256, actual)
	}
	return nil
}

type signedHeaders struct {
	address, chainID, serviceID, nonce string
	pubKey                             *secp256k1.PubKey
	timestamp                          time.Time
	bodySHA256                         [32]byte
	signature                          []byte
}

func readHeaders(h http.Header) (signedHeaders, error) {
	var out signedHeaders
	get := func(name string) (string, error) {
		v := h.Get(name)
		if v == "" {
			return "", fmt.Errorf("%w: no %s header", ErrMissing, name)
		}
		return v, nil
	}
	var err error
	var raw [5]string
	for i, name := range []string{HeaderPubKey, HeaderTimestamp, HeaderBodySHA256, HeaderSignature, HeaderAddress} {
		if raw[i], err = get(name); err != nil {
			return out, err
		}
	}
	if out.chainID, err = get(HeaderChainID); err != nil {
		return out, err
	}
	if out.serviceID, err = get(HeaderService); err != nil {
		return out, err
	}
	if out.nonce, err = get(HeaderNonce); err != nil {
		return out, err
	}
	if !validNonce(out.nonce) {
		return out, fmt.Errorf("%w: %s must be %d hex digits", ErrMalformed, HeaderNonce, nonceHexLen)
	}
	pub, err := base64.StdEncoding.DecodeString(raw[0])
	if err != nil {
		return out, fmt.Errorf("%w: %s: %v", ErrMalformed, HeaderPubKey, err)
	}
	if out.pubKey, err = secp256k1Key(pub); err != nil {
		return out, err
	}
	secs, err := strconv.ParseInt(raw[1], 10, 64)
	if err != nil {
		return out, fmt.Errorf("%w: %s: %v", ErrMalformed, HeaderTimestamp, err)
	}
	out.timestamp = time.Unix(secs, 0)
	body, err := hex.DecodeString(raw[2])
	if err != nil || len(body) != 32 {
		return out, fmt.Errorf("%w: %s must be 64 hex digits", ErrMalformed, HeaderBodySHA256)
	}
	copy(out.bodySHA256[:], body)
	if out.signature, err = base64.StdEncoding.DecodeString(raw[3]); err != nil || len(out.signature) != 64 {
		return out, fmt.Errorf("%w: %s must be 64 bytes in base64", ErrMalformed, HeaderSignature)
	}
	out.address = raw[4]
	return out, nil
}

// secp256k1Key accepts only compressed secp256k1 keys, the Cosmos account
// key type.
func secp256k1Key(b []byte) (*secp256k1.PubKey, error) {
	if len(b) != secp256k1.PubKeySize || (b[0] != 0x02 && b[0] != 0x03) {
		return nil, fmt.Errorf("%w: %s must be a 33-byte compressed secp256k1 key", ErrMalformed, HeaderPubKey)
	}
	return &secp256k1.PubKey{Key: b}, nil
}
