// Package requestauth signs and verifies requests to a companion service
// with the caller's account key, so the service learns who is asking from a
// signature rather than from the caller's word.
//
// A request carries, in X-Msec-* headers, the caller's address and
// secp256k1 public key, a timestamp, a random nonce, the SHA-256 of its body
// and a signature over a canonical string that binds all of them to the
// method, path and query, to the chain ID and to the identity of the one
// service it is meant for:
//
//	MSEC-COMPANION-REQUEST-V1
//	chain:<chain ID>
//	service:<service ID>
//	method:<HTTP method>
//	path:<URL path, as sent>
//	query:<query, keys sorted, URL-encoded>
//	body-sha256:<hex SHA-256 of the body>
//	timestamp:<Unix seconds>
//	nonce:<32 hex digits>
//
// lines joined by "\n". The signature is secp256k1 ECDSA over SHA-256 of
// those bytes, 64 bytes r||s with low s: what a Cosmos SDK keyring's Sign
// gives for a local key. A verifier accepts a request only within a clock-skew
// window around its own time, and only once: it remembers nonces for as long
// as their timestamps stay acceptable.
//
// Sign (client) and Verifier (service) are the two halves; docs/ccdb.md
// describes the scheme for other implementations.
package requestauth
