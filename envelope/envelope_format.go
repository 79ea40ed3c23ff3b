package envelope

import (
	"crypto/sha256"
	"fmt"
)

// Key envelope v1 (docs/encryption.md, "Key envelopes"):
//
//	magic "MSKE" (4) || version 0x01 (1) || suite ID (1) ||
//	recipient key hint (8) || binding (canonical encoding) ||
//	enc (KEM encapsulated key, size fixed by the suite) ||
//	sealed data key (32 + 16-byte tag)
//
// Everything before enc is the HPKE AAD; the binding is also the HPKE info.
// The hint and the binding are in the clear only to tell a wrong key and a
// wrong binding apart from tampering: Open never trusts them, it checks
// them against the caller's key and binding, which HPKE then authenticates.
const (
	envelopeMagic   = "MSKE"
	envelopeVersion = 0x01
	keyHintSize     = 8
	sealedKeySize   = DataKeySize + tagSize
	// envelopeFixedSize is the envelope's size besides the binding and enc.
	envelopeFixedSize = len(envelopeMagic) + 1 + 1 + keyHintSize + sealedKeySize
)

// keyHint is the start of SHA-256 of the recipient's public key encoding.
// It only names the recipient; HPKE binds the full key.
func keyHint(pk *PublicKey) [keyHintSize]byte {
	sum := sha256.Sum256(pk.Bytes())
	return [keyHintSize]byte(sum[:keyHintSize])
}

// parsedEnvelope is an envelope split into its fields. Slices alias the
// parsed bytes.
type parsedEnvelope struct {
	suite     Suite
	hint      [keyHintSize]byte
	binding   Binding
	aad       []byte // magic through binding
	enc       []byte
	sealedKey []byte
}

// envelopePrefix returns the AAD of an envelope: the fields before enc.
func envelopePrefix(suite Suite, hint [keyHintSize]byte, binding []byte) []byte {
	b := make([]byte, 0, len(envelopeMagic)+2+keyHintSize+len(binding))
	b = append(b, envelopeMagic...)
	b = append(b, envelopeVersion, byte(suite))
	b = append(b, hint[:]...)
	return append(b, binding...)
}

// parseEnvelope splits an envelope into its fields, checking its format
// only.
func parseEnvelope(b []byte) (*parsedEnvelope, error) {
	if len(b) < len(envelopeMagic)+2+keyHintSize {
		return nil, fmt.Errorf("%w: %d bytes, shorter than the envelope header", ErrMalformedEnvelope, len(b))
	}
	if string(b[:len(envelopeMagic)]) != envelopeMagic {
		return nil, fmt.Errorf("%w: bad magic %q", ErrMalformedEnvelope, b[:len(envelopeMagic)])
	}
	if v := b[len(envelopeMagic)]; v != envelopeVersion {
		return nil, fmt.Errorf("%w: envelope version 0x%02x", ErrUnsupportedVersion, v)
	}
	e := &parsedEnvelope{suite: Suite(b[len(envelopeMagic)+1])}
	p, err := e.suite.params()
	if err != nil {
		return nil, err
	}
	rest := b[len(envelopeMagic)+2:]
	e.hint = [keyHintSize]byte(rest)
	e.binding, rest, err = parseBinding(rest[keyHintSize:])
	if err != nil {
		return nil, err
	}
	if want := p.encSize + sealedKeySize; len(rest) != want {
		return nil, fmt.Errorf("%w: %d bytes after the binding, %s needs %d", ErrMalformedEnvelope, len(rest), e.suite, want)
	}
	e.aad = b[:len(b)-len(rest)]
	e.enc = rest[:p.encSize]
	e.sealedKey = rest[p.encSize:]
	return e, nil
}
