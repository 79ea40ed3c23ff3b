package envelope

import "crypto/sha256"

// Commitment returns SHA-256 of an envelope's bytes: what the chain records
// instead of the envelope itself, since chain history cannot be erased. A
// custodian's envelope is genuine if its commitment matches the chain's.
func Commitment(envelope []byte) [32]byte {
	return sha256.Sum256(envelope)
}
