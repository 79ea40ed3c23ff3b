package envelope

import (
	"crypto/ecdh"
	"crypto/hpke"
	"crypto/mlkem"
	"fmt"
)

// Suite identifies the HPKE ciphersuite of an encryption key pair, and so of
// every envelope sealed to it. Its value is the one-byte suite ID written in
// public keys and envelopes.
type Suite uint8

const (
	// SuiteX25519 is DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305.
	SuiteX25519 Suite = 0x01
	// SuiteMLKEM768X25519 is the post-quantum hybrid MLKEM768-X25519 (X-Wing),
	// HKDF-SHA256, ChaCha20Poly1305.
	SuiteMLKEM768X25519 Suite = 0x02
)

// suiteParams is everything the formats need to know about a suite.
type suiteParams struct {
	name          string
	kem           hpke.KEM
	kdf           hpke.KDF
	aead          hpke.AEAD
	publicKeySize int // KEM SerializePublicKey length
	encSize       int // KEM encapsulated key length
}

// ChaCha20Poly1305 for the 32-byte DEK in both suites: the envelope AEAD
// encrypts 32 bytes once, so speed is irrelevant and constant time without
// AES hardware is what matters.
var suites = map[Suite]*suiteParams{
	SuiteX25519: {
		name:          "X25519",
		kem:           hpke.DHKEM(ecdh.X25519()),
		kdf:           hpke.HKDFSHA256(),
		aead:          hpke.ChaCha20Poly1305(),
		publicKeySize: 32,
		encSize:       32,
	},
	SuiteMLKEM768X25519: {
		name:          "MLKEM768-X25519",
		kem:           hpke.MLKEM768X25519(),
		kdf:           hpke.HKDFSHA256(),
		aead:          hpke.ChaCha20Poly1305(),
		publicKeySize: mlkem.EncapsulationKeySize768 + 32,
		encSize:       mlkem.CiphertextSize768 + 32,
	},
}

// params returns the suite's parameters, or ErrUnknownSuite.
func (s Suite) params() (*suiteParams, error) {
	p, ok := suites[s]
	if !ok {
		return nil, fmt.Errorf("%w: 0x%02x", ErrUnknownSuite, uint8(s))
	}
	return p, nil
}

// String returns the suite's name, e.g. "X25519" or "MLKEM768-X25519".
func (s Suite) String() string {
	if p, ok := suites[s]; ok {
		return p.name
	}
	return fmt.Sprintf("Suite(0x%02x)", uint8(s))
}
