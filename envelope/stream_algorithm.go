package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Algorithm is the AEAD that encrypts stream segments. Its value is the
// algorithm byte of the stream header.
type Algorithm uint8

const (
	// AES256GCM is the default: with AES and carry-less multiply instructions
	// (every current x86-64 and ARMv8 CPU) it is the fastest choice.
	AES256GCM Algorithm = 0x01
	// ChaCha20Poly1305 is for machines without AES hardware, where it is both
	// faster and constant time.
	ChaCha20Poly1305 Algorithm = 0x02
)

// String returns the algorithm's name.
func (a Algorithm) String() string {
	switch a {
	case AES256GCM:
		return "AES-256-GCM"
	case ChaCha20Poly1305:
		return "ChaCha20-Poly1305"
	}
	return fmt.Sprintf("Algorithm(0x%02x)", uint8(a))
}

// known reports whether a is an algorithm this version can use.
func (a Algorithm) known() bool {
	return a == AES256GCM || a == ChaCha20Poly1305
}

// newAEAD instantiates the algorithm with a 32-byte key. Both have a 12-byte
// nonce and a 16-byte tag, which the segment layout relies on.
func (a Algorithm) newAEAD(key []byte) (cipher.AEAD, error) {
	switch a {
	case AES256GCM:
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		return cipher.NewGCM(block)
	case ChaCha20Poly1305:
		return chacha20poly1305.New(key)
	}
	return nil, fmt.Errorf("%w: unknown algorithm 0x%02x", ErrMalformedHeader, uint8(a))
}
