package requestauth

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"

	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
)

// Signer is an account key that signs requests: a keyring entry, or a key
// held in memory.
type Signer interface {
	// Address is the account's bech32 address.
	Address() string
	// PubKey is the account's secp256k1 public key.
	PubKey() cryptotypes.PubKey
	// Sign signs msg (secp256k1 over SHA-256 of msg, 64-byte r||s).
	Sign(msg []byte) ([]byte, error)
}

// Sign adds the signature headers to req, whose body has the given SHA-256,
// for the service serviceID on chain chainID at time now.
func Sign(req *http.Request, bodySHA256 [32]byte, s Signer, chainID, serviceID string, now time.Time) error {
	pub := s.PubKey()
	if _, err := secp256k1Key(pub.Bytes()); err != nil {
		return err
	}
	var nonce [nonceHexLen / 2]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return fmt.Errorf("drawing a nonce: %w", err)
	}
	r := Request{
		ChainID: chainID, ServiceID: serviceID, Method: req.Method,
		Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery,
		BodySHA256: bodySHA256, Timestamp: now, Nonce: hex.EncodeToString(nonce[:]),
	}
	msg, err := r.Canonical()
	if err != nil {
		return err
	}
	sig, err := s.Sign(msg)
	if err != nil {
		return fmt.Errorf("signing the request with %s: %w", s.Address(), err)
	}
	h := req.Header
	h.Set(HeaderAddress, s.Address())
	h.Set(HeaderPubKey, base64.StdEncoding.EncodeToString(pub.Bytes()))
	h.Set(HeaderChainID, chainID)
	h.Set(HeaderService, serviceID)
	h.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	h.Set(HeaderNonce, r.Nonce)
	h.Set(HeaderBodySHA256, hex.EncodeToString(bodySHA256[:]))
	h.Set(HeaderSignature, base64.StdEncoding.EncodeToString(sig))
	return nil
}
