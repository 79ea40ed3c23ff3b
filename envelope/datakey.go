package envelope

import "crypto/rand"

// DataKeySize is the size of a data key in bytes (256 bits).
const DataKeySize = 32

// DataKey (DEK) is the symmetric key one record version is encrypted under.
// It never leaves the owner's and readers' machines except sealed in an
// envelope.
type DataKey [DataKeySize]byte

// NewDataKey returns a fresh random data key. Use one per record version:
// never encrypt two different contents under the same key on purpose (the
// stream format survives it, but nothing gains from it).
func NewDataKey() DataKey {
	var dek DataKey
	// crypto/rand.Read never returns an error: on failure it crashes the
	// program rather than hand out a predictable key.
	_, _ = rand.Read(dek[:])
	return dek
}
