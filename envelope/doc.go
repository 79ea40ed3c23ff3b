// Package envelope is msec's client-side encryption: everything that turns a
// record into ciphertext safe to hand to IPFS, and a data key into an envelope
// only one reader can open.
//
// Three pieces, each specified in docs/encryption.md:
//
//   - Encryption keys. [DeriveKey] derives an HPKE key pair from the wallet's
//     BIP39 mnemonic, domain-separated from the account's signing key, so
//     restoring the mnemonic restores the ability to decrypt. [PublicKey]
//     carries its [Suite]: X25519, or the post-quantum hybrid ML-KEM-768+X25519.
//   - Content. [Encrypt] and [Decrypt] stream a record in 64 KiB segments
//     under a fresh [DataKey] (STREAM construction with an authenticated
//     header), in constant memory for any size.
//   - Key envelopes. [Seal] and [Open] wrap a DataKey for one recipient with
//     HPKE (RFC 9180), bound to a [Binding] (chain ID, record ID, version,
//     recipient). The chain stores only [Commitment] of each envelope.
//
// Every failure wraps one of the exported Err* sentinels, so callers can tell
// with errors.Is which check failed.
package envelope
