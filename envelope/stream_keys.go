package envelope

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
)

// Stream key schedule (docs/encryption.md, "Key schedule"). Every key is
// HKDF-SHA256 of the data key with its own label, so none can stand in for
// another:
//
//	key ID      = HKDF(DEK, salt="",          info="msec/stream/v1/key-id")
//	MAC key     = HKDF(DEK, salt="",          info="msec/stream/v1/header-mac")
//	payload key = HKDF(DEK, salt=header salt, info="msec/stream/v1/payload/<alg>")
//
// The key ID depends on the DEK alone so that a wrong key (key ID mismatch)
// is told apart from a tampered header (key ID matches, MAC does not). It
// also commits the stream to one key: GCM alone would not.
const (
	labelKeyID     = "msec/stream/v1/key-id"
	labelHeaderMAC = "msec/stream/v1/header-mac"
	labelPayload   = "msec/stream/v1/payload/"
)

// deriveStreamKey is HKDF-SHA256 with a 32-byte output.
func deriveStreamKey(dek *DataKey, salt []byte, label string) []byte {
	k, err := hkdf.Key(sha256.New, dek[:], salt, label, 32)
	if err != nil {
		// Unreachable: 32 bytes is far below HKDF-SHA256's output limit.
		panic("envelope: HKDF: " + err.Error())
	}
	return k
}

// keyID returns the data key's public commitment written in the header.
func keyID(dek *DataKey) [keyIDSize]byte {
	return [keyIDSize]byte(deriveStreamKey(dek, nil, labelKeyID))
}

// headerMAC authenticates every header field that precedes the MAC.
func headerMAC(dek *DataKey, h *header) [headerMACSize]byte {
	mac := hmac.New(sha256.New, deriveStreamKey(dek, nil, labelHeaderMAC))
	mac.Write(h.marshal()[:headerMACOffset])
	return [headerMACSize]byte(mac.Sum(nil))
}

// verify checks a parsed header against the data key: first the key ID
// (ErrWrongKey), then the MAC (ErrHeaderTampered).
func (h *header) verify(dek *DataKey) error {
	want := keyID(dek)
	if subtle.ConstantTimeCompare(h.keyID[:], want[:]) != 1 {
		return fmt.Errorf("%w: header key ID %x, this key's is %x", ErrWrongKey, h.keyID[:8], want[:8])
	}
	mac := headerMAC(dek, h)
	if !hmac.Equal(h.mac[:], mac[:]) {
		return fmt.Errorf("%w: MAC mismatch (algorithm, segment size, salt or nonce prefix changed)", ErrHeaderTampered)
	}
	return nil
}

// payloadAEAD instantiates the segment AEAD for the stream h describes. The
// salt gives every stream its own payload key even under a reused DEK.
func payloadAEAD(dek *DataKey, h *header) (cipher.AEAD, error) {
	label := fmt.Sprintf("%s%d", labelPayload, uint8(h.algorithm))
	return h.algorithm.newAEAD(deriveStreamKey(dek, h.salt[:], label))
}
