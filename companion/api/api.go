// Package api is the companion service's HTTP interface: paths, headers,
// JSON bodies and error codes, shared by the service and its clients.
// docs/ccdb.md describes it for other implementations.
package api

import "time"

// Paths. {id} is a record ID in decimal.
const (
	// PathInfo (GET, unauthenticated) describes the service: Info.
	PathInfo = "/v1/info"
	// PathCiphertext (POST, signed) uploads a ciphertext stream: CiphertextUploaded.
	PathCiphertext = "/v1/ciphertext"
	// PathEnvelopes (POST, signed) uploads one key envelope: EnvelopeUploaded.
	PathEnvelopes = "/v1/envelopes"
	// PathRecordCiphertext (GET, signed) downloads a record version's
	// ciphertext, to its owner or a reader with a committed receipt.
	PathRecordCiphertext = "/v1/records/{id}/ciphertext"
	// PathRecordEnvelope (GET, signed) downloads the caller's envelope of a
	// record version.
	PathRecordEnvelope = "/v1/records/{id}/envelope"
)

// Query parameters of the downloads.
const (
	// QueryVersion names the version (the owner's choice; a reader gets the
	// version of its latest receipt and may name only that one). 0 or
	// absent: current for the owner.
	QueryVersion = "version"
	// QueryMinHeight makes the service wait (briefly) until its node has
	// committed this height, e.g. the block of the caller's read receipt.
	QueryMinHeight = "min_height"
)

// Response headers of the downloads: what the chain says was released.
const (
	HeaderCID                = "X-Msec-Cid"
	HeaderCiphertextSHA256   = "X-Msec-Ciphertext-Sha256"
	HeaderRecordVersion      = "X-Msec-Record-Version"
	HeaderReceiptID          = "X-Msec-Receipt-Id"
	HeaderEnvelopeCommitment = "X-Msec-Envelope-Commitment"
)

// Info is the reply to GET /v1/info: what a client needs to sign requests
// for this service and to size its uploads.
type Info struct {
	ChainID string `json:"chain_id"`
	// ServiceID identifies this service in signed requests: the node's
	// CometBFT node ID.
	ServiceID        string    `json:"service_id"`
	MaxUploadBytes   int64     `json:"max_upload_bytes"`
	MaxEnvelopeBytes int64     `json:"max_envelope_bytes"`
	UploadTTLSeconds int64     `json:"upload_ttl_seconds"`
	ClockSkewSeconds int64     `json:"clock_skew_seconds"`
	Time             time.Time `json:"time"`
}

// CiphertextUploaded is the reply to a ciphertext upload.
type CiphertextUploaded struct {
	CID string `json:"cid"`
	// SHA256 is the hex SHA-256 of the whole stream, for MsgPutRecord.
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// KeptUntil is when the upload is garbage-collected unless a record on
	// chain references it.
	KeptUntil time.Time `json:"kept_until"`
}

// EnvelopeUploaded is the reply to an envelope upload.
type EnvelopeUploaded struct {
	// CID is a CIDv1 (raw, sha2-256) whose digest is the commitment.
	CID string `json:"cid"`
	// Commitment is the hex SHA-256 of the envelope, for the chain.
	Commitment string    `json:"commitment"`
	KeptUntil  time.Time `json:"kept_until"`
}

// Error is the body of every refusal.
type Error struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// Error codes, with their HTTP status.
const (
	CodeUnauthenticated  = "unauthenticated"   // 401: missing, bad, expired or replayed signature
	CodeForbidden        = "forbidden"         // 403: the chain does not authorize this release
	CodeNotFound         = "not_found"         // 404: unknown record or route
	CodeContentMissing   = "content_missing"   // 404: no member node has the ciphertext or envelope
	CodeBadRequest       = "bad_request"       // 400: malformed parameter or body
	CodeBodyMismatch     = "body_mismatch"     // 401: body differs from its signed SHA-256
	CodeTooLarge         = "too_large"         // 413: upload over the size limit
	CodeBusy             = "busy"              // 503: too many transfers at once; retry
	CodeNodeBehind       = "node_behind"       // 503: the node has not reached min_height yet
	CodeChainUnavailable = "chain_unavailable" // 502: the node could not answer
	CodeIntegrity        = "integrity"         // 502: stored content does not match the chain
	CodeStorageFull      = "storage_full"      // 507: this node cannot store more
	CodeInternal         = "internal"          // 500
)
