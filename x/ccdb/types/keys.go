package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and router key.
	ModuleName = "ccdb"
	StoreKey   = ModuleName
)

// Collection prefixes. Each is a single byte, never reused.
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
	CoverageKey            = collections.NewPrefix(24)
	CoverageByRecordKey    = collections.NewPrefix(25)
	LiveRecordGrantsKey    = collections.NewPrefix(26)
	LiveTagGrantsKey       = collections.NewPrefix(27)
	ExpiryQueueKey         = collections.NewPrefix(28)
	LastRequestIDKey       = collections.NewPrefix(30)
	RequestsKey            = collections.NewPrefix(31)
	RequestsByOwnerKey     = collections.NewPrefix(32)
	RequestsByRequesterKey = collections.NewPrefix(33)

	LastReceiptIDKey          = collections.NewPrefix(40)
	ReceiptsKey               = collections.NewPrefix(41)
	ReceiptsByRecordKey       = collections.NewPrefix(42)
	ReceiptsByReaderKey       = collections.NewPrefix(43)
	ReceiptsByGrantKey        = collections.NewPrefix(44)
	ReceiptsByTimeKey         = collections.NewPrefix(45)
	ReceiptsByReaderRecordKey = collections.NewPrefix(46)
	AttestationsKey           = collections.NewPrefix(50)
	TrailKey                  = collections.NewPrefix(60)
	TrailLengthKey            = collections.NewPrefix(61)
	TrailFanOutKey            = collections.NewPrefix(62)
)
