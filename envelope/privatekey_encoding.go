package envelope

import (
	"fmt"
)

// Private key encoding, for keeping an encryption key on the owner's machine
// (for example in a passphrase-protected file) so it need not be derived
// from the mnemonic every time:
//
//	binary: version (0x01) || suite ID (1 byte) || KEM private key
//
// The KEM private key is HPKE's SerializePrivateKey (RFC 9180 §7.1.2; for
// MLKEM768-X25519 the 32-byte seed). This encoding is a secret: anyone who
// reads it opens every envelope sealed to the key.
const privateKeyVersion = 0x01

// MarshalBinary returns the binary encoding of the key pair's private key.
func (k *PrivateKey) MarshalBinary() ([]byte, error) {
	key, err := k.key.Bytes()
	if err != nil {
		return nil, fmt.Errorf("envelope: serializing %s private key: %w", k.suite, err)
	}
	b := make([]byte, 0, 2+len(key))
	b = append(b, privateKeyVersion, byte(k.suite))
	return append(b, key...), nil
}

// ParsePrivateKey decodes the encoding returned by PrivateKey.MarshalBinary.
func ParsePrivateKey(b []byte) (*PrivateKey, error) {
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: %d bytes, want at least 2", ErrMalformedPrivateKey, len(b))
	}
	if b[0] != privateKeyVersion {
		return nil, fmt.Errorf("%w: private key version 0x%02x", ErrUnsupportedVersion, b[0])
	}
	suite := Suite(b[1])
	p, err := suite.params()
	if err != nil {
		return nil, err
	}
	key, err := p.kem.NewPrivateKey(b[2:])
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformedPrivateKey, suite, err)
	}
	return &PrivateKey{suite: suite, key: key, public: &PublicKey{suite: suite, key: key.PublicKey()}}, nil
}
