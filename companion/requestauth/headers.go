package requestauth

// Header names of a signed request.
const (
	HeaderAddress    = "X-Msec-Address"     // caller's account address (bech32)
	HeaderPubKey     = "X-Msec-Pubkey"      // compressed secp256k1 public key, base64
	HeaderChainID    = "X-Msec-Chain-Id"    // chain the request is signed for
	HeaderService    = "X-Msec-Service"     // service the request is signed for
	HeaderTimestamp  = "X-Msec-Timestamp"   // Unix seconds
	HeaderNonce      = "X-Msec-Nonce"       // 16 random bytes, hex
	HeaderBodySHA256 = "X-Msec-Body-Sha256" // SHA-256 of the body, hex
	HeaderSignature  = "X-Msec-Signature"   // 64-byte r||s, base64
)
