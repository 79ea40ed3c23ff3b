package envelope

import (
	"fmt"

	"github.com/cosmos/btcutil/bech32"
)

// Public key encodings (docs/encryption.md, "Public keys"):
//
//	binary:    version (0x01) || suite ID (1 byte) || KEM public key
//	printable: bech32(hrp "msecenc", binary)
const (
	publicKeyVersion = 0x01
	publicKeyHRP     = "msecenc"
)

// maxPublicKeyStringLen bounds ParsePublicKeyString's input before decoding:
// the longest key (MLKEM768-X25519, 1218 bytes) is 1957 characters.
const maxPublicKeyStringLen = 2048

// Bytes returns the compact binary encoding of pk.
func (pk *PublicKey) Bytes() []byte {
	key := pk.key.Bytes()
	b := make([]byte, 0, 2+len(key))
	b = append(b, publicKeyVersion, byte(pk.suite))
	return append(b, key...)
}

// String returns the printable encoding of pk, "msecenc1...".
func (pk *PublicKey) String() string {
	s, err := bech32.EncodeFromBase256(publicKeyHRP, pk.Bytes())
	if err != nil {
		// Unreachable: the HRP is fixed and any bytes convert to 5-bit groups.
		panic("envelope: bech32 encoding failed: " + err.Error())
	}
	return s
}

// ParsePublicKey decodes the binary encoding returned by PublicKey.Bytes.
func ParsePublicKey(b []byte) (*PublicKey, error) {
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: %d bytes, want at least 2", ErrMalformedPublicKey, len(b))
	}
	if b[0] != publicKeyVersion {
		return nil, fmt.Errorf("%w: public key version 0x%02x", ErrUnsupportedVersion, b[0])
	}
	suite := Suite(b[1])
	p, err := suite.params()
	if err != nil {
		return nil, err
	}
	key := b[2:]
	if len(key) != p.publicKeySize {
		return nil, fmt.Errorf("%w: %s key is %d bytes, want %d", ErrMalformedPublicKey, suite, len(key), p.publicKeySize)
	}
	hpkeKey, err := p.kem.NewPublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedPublicKey, err)
	}
	return &PublicKey{suite: suite, key: hpkeKey}, nil
}

// ParsePublicKeyString decodes the printable encoding returned by
// PublicKey.String.
func ParsePublicKeyString(s string) (*PublicKey, error) {
	if len(s) > maxPublicKeyStringLen {
		return nil, fmt.Errorf("%w: %d characters, longer than any key", ErrMalformedPublicKey, len(s))
	}
	hrp, data, err := bech32.DecodeNoLimit(s)
	if err != nil {
		return nil, fmt.Errorf("%w: bech32: %v", ErrMalformedPublicKey, err)
	}
	if hrp != publicKeyHRP {
		return nil, fmt.Errorf("%w: prefix %q, want %q", ErrMalformedPublicKey, hrp, publicKeyHRP)
	}
	b, err := bech32.ConvertBits(data, 5, 8, false)
	if err != nil {
		return nil, fmt.Errorf("%w: bech32 padding: %v", ErrMalformedPublicKey, err)
	}
	return ParsePublicKey(b)
}
