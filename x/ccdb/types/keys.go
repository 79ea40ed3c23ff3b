package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and router key.
	ModuleName = "ccdb"
	StoreKey   = ModuleName
)

// Collection prefixes. Each is a single byte, never reused. Retired: 43
// (receipts by reader, folded into 46), 45 (receipts by time, answered by
// receipt ID order) and 61 (per-record trail lengths, replaced by one
// chain-wide sequence).
var (
	ParamsKey = collections.NewPrefix(0)

	EncryptionKeysKey = collections.NewPrefix(1)
	CurrentKeyKey     = collections.NewPrefix(2)

	LastRecordIDKey        = collections.NewPrefix(10)
	RecordsKey             = collections.NewPrefix(11)
	RecordsByOwnerKey      = collections.NewPrefix(12)
	RecordTagsKey          = collections.NewPrefix(13)
	RecordVersionsKey      = collections.NewPrefix(14)
	EnvelopeCommitsKey     = collections.NewPrefix(15)
	LastGrantIDKey         = collections.NewPrefix(20)
	GrantsKey              = collections.NewPrefix(21)
	GrantsByOwnerKey       = collections.NewPrefix(22)
	GrantsByGranteeKey     = collections.NewPrefix(23)
	TagCoverageKey         = collections.NewPrefix(24)
	RecordGrantsKey        = collections.NewPrefix(25)
	LiveRecordGrantsKey    = collections.NewPrefix(26)
	LiveTagGrantsKey       = collections.NewPrefix(27)
	ExpiryQueueKey         = collections.NewPrefix(28)
	GrantUsesKey           = collections.NewPrefix(29)
	LastRequestIDKey       = collections.NewPrefix(30)
	RequestsKey            = collections.NewPrefix(31)
	RequestsByOwnerKey     = collections.NewPrefix(32)
	RequestsByRequesterKey = collections.NewPrefix(33)

	LastReceiptIDKey          = collections.NewPrefix(40)
	ReceiptsKey               = collections.NewPrefix(41)
	ReceiptsByRecordKey       = collections.NewPrefix(42)
	ReceiptsByGrantKey        = collections.NewPrefix(44)
	ReceiptsByReaderRecordKey = collections.NewPrefix(46)
	AttestationsKey           = collections.NewPrefix(50)
	TrailKey                  = collections.NewPrefix(60)
	TrailFanOutKey            = collections.NewPrefix(62)
	LastTrailSequenceKey      = collections.NewPrefix(63)
)
