package envelope

import "errors"

// Errors shared by every format in this package.
var (
	// ErrUnsupportedVersion: the input is one of our formats (its magic or
	// prefix matched) but from a format version this code does not know.
	ErrUnsupportedVersion = errors.New("envelope: unsupported format version")
	// ErrUnknownSuite: a suite ID that is not SuiteX25519 or SuiteMLKEM768X25519.
	ErrUnknownSuite = errors.New("envelope: unknown key suite")
)

// Key errors.
var (
	ErrInvalidMnemonic     = errors.New("envelope: invalid BIP39 mnemonic")
	ErrMalformedPublicKey  = errors.New("envelope: malformed public key")
	ErrMalformedPrivateKey = errors.New("envelope: malformed private key")
)

// Stream (content encryption) errors, in the order the decoder checks them.
var (
	// ErrMalformedHeader: the stream header cannot be parsed (wrong magic,
	// unknown algorithm, unexpected segment size).
	ErrMalformedHeader = errors.New("envelope: malformed stream header")
	// ErrWrongKey: the header's key ID does not match the data key given to
	// Decrypt. (A tampered key ID is indistinguishable from a wrong key.)
	ErrWrongKey = errors.New("envelope: stream was encrypted under a different data key")
	// ErrHeaderTampered: the key ID matches but the header MAC does not, so a
	// header field was changed after encryption.
	ErrHeaderTampered = errors.New("envelope: stream header failed authentication")
	// ErrTruncated: the stream ends before its last segment.
	ErrTruncated = errors.New("envelope: stream is truncated")
	// ErrReorderedSegment: a segment authenticates, but for a later position
	// (segments were swapped, or the ones in between are missing).
	ErrReorderedSegment = errors.New("envelope: stream segment out of order")
	// ErrDuplicateSegment: a segment authenticates, but for an earlier
	// position that was already read.
	ErrDuplicateSegment = errors.New("envelope: stream segment duplicated")
	// ErrCorrupted: a segment authenticates at no nearby position: its bytes
	// were modified (or the stream was cut inside its final segment).
	ErrCorrupted = errors.New("envelope: stream segment failed authentication")
	// ErrTrailingData: bytes follow the segment marked as last.
	ErrTrailingData = errors.New("envelope: data after the last stream segment")
	// ErrStreamTooLong: more than 2^32 segments (256 TiB) would be needed.
	ErrStreamTooLong = errors.New("envelope: stream exceeds the maximum number of segments")
)

// Key envelope errors.
var (
	// ErrInvalidBinding: a Binding field is empty or too long to encode.
	ErrInvalidBinding = errors.New("envelope: invalid binding")
	// ErrMalformedEnvelope: the envelope bytes cannot be parsed.
	ErrMalformedEnvelope = errors.New("envelope: malformed key envelope")
	// ErrNotRecipient: the envelope is sealed to a different public key (its
	// suite or recipient key hint does not match the private key).
	ErrNotRecipient = errors.New("envelope: key envelope is sealed to a different recipient key")
	// ErrBindingMismatch: the envelope was sealed for another chain, record,
	// version or recipient than the one it is presented for.
	ErrBindingMismatch = errors.New("envelope: key envelope binding mismatch")
	// ErrEnvelopeTampered: recipient and binding match but HPKE decryption
	// fails, so the envelope bytes were modified after sealing.
	ErrEnvelopeTampered = errors.New("envelope: key envelope failed authentication")
)
