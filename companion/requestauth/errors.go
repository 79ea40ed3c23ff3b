package requestauth

import "errors"

// Every refusal wraps exactly one of these, so a service can tell the caller
// precisely which check failed.
var (
	// ErrMissing: an X-Msec-* header is absent.
	ErrMissing = errors.New("request is not signed")
	// ErrMalformed: a header cannot be parsed.
	ErrMalformed = errors.New("malformed request signature header")
	// ErrWrongChain: the request was signed for another chain.
	ErrWrongChain = errors.New("request was signed for another chain")
	// ErrWrongService: the request was signed for another companion service.
	ErrWrongService = errors.New("request was signed for another companion service")
	// ErrExpired: the timestamp is older than the clock-skew window.
	ErrExpired = errors.New("request has expired")
	// ErrFuture: the timestamp is later than the clock-skew window allows.
	ErrFuture = errors.New("request timestamp is in the future")
	// ErrKeyAddressMismatch: the public key does not hash to the claimed address.
	ErrKeyAddressMismatch = errors.New("public key does not belong to the claimed address")
	// ErrBadSignature: the signature does not verify.
	ErrBadSignature = errors.New("signature does not verify")
	// ErrReplay: the nonce was already used within the window.
	ErrReplay = errors.New("request was already used (replayed nonce)")
	// ErrTooManyNonces: the nonce cache is full; try again shortly.
	ErrTooManyNonces = errors.New("too many recent requests to remember")
	// ErrAccountKeyMismatch: the account exists on chain with another public key.
	ErrAccountKeyMismatch = errors.New("public key is not the account's key on chain")
	// ErrBodyMismatch: the body is not the one that was signed.
	ErrBodyMismatch = errors.New("request body does not match its signed SHA-256")
)
