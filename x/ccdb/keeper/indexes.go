package keeper

import (
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// addressRef returns an index function keyed by an address field.
func addressRef[V any](ac address.Codec, field func(V) string) func(uint64, V) (sdk.AccAddress, error) {
	return func(_ uint64, v V) (sdk.AccAddress, error) {
		return ac.StringToBytes(field(v))
	}
}

// timeKey orders block times in keys: Unix nanoseconds, exact for every
// block time until the year 2262.
func timeKey(t time.Time) int64 { return t.UnixNano() }

// RecordIndexes index records by owner.
type RecordIndexes struct {
	ByOwner *indexes.Multi[sdk.AccAddress, uint64, types.Record]
}

// IndexesList implements collections.Indexes.
func (i RecordIndexes) IndexesList() []collections.Index[uint64, types.Record] {
	return []collections.Index[uint64, types.Record]{i.ByOwner}
}

func newRecordIndexes(sb *collections.SchemaBuilder, ac address.Codec) RecordIndexes {
	return RecordIndexes{
		ByOwner: indexes.NewMulti(sb, types.RecordsByOwnerKey, "records_by_owner", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(r types.Record) string { return r.Owner })),
	}
}

// GrantIndexes index grants by owner and by grantee.
type GrantIndexes struct {
	ByOwner   *indexes.Multi[sdk.AccAddress, uint64, types.Grant]
	ByGrantee *indexes.Multi[sdk.AccAddress, uint64, types.Grant]
}

// IndexesList implements collections.Indexes.
func (i GrantIndexes) IndexesList() []collections.Index[uint64, types.Grant] {
	return []collections.Index[uint64, types.Grant]{i.ByOwner, i.ByGrantee}
}

func newGrantIndexes(sb *collections.SchemaBuilder, ac address.Codec) GrantIndexes {
	return GrantIndexes{
		ByOwner: indexes.NewMulti(sb, types.GrantsByOwnerKey, "grants_by_owner", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(g types.Grant) string { return g.Owner })),
		ByGrantee: indexes.NewMulti(sb, types.GrantsByGranteeKey, "grants_by_grantee", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(g types.Grant) string { return g.Grantee })),
	}
}

// CoverageIndexes index (grant, record) coverage by record.
type CoverageIndexes struct {
	ByRecord *indexes.ReversePair[uint64, uint64, collections.NoValue]
}

// IndexesList implements collections.Indexes.
func (i CoverageIndexes) IndexesList() []collections.Index[collections.Pair[uint64, uint64], collections.NoValue] {
	return []collections.Index[collections.Pair[uint64, uint64], collections.NoValue]{i.ByRecord}
}

func newCoverageIndexes(sb *collections.SchemaBuilder) CoverageIndexes {
	return CoverageIndexes{
		ByRecord: indexes.NewReversePair[collections.NoValue](sb, types.CoverageByRecordKey, "coverage_by_record",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
	}
}

// RequestIndexes index access requests by owner and by requester.
type RequestIndexes struct {
	ByOwner     *indexes.Multi[sdk.AccAddress, uint64, types.AccessRequest]
	ByRequester *indexes.Multi[sdk.AccAddress, uint64, types.AccessRequest]
}

// IndexesList implements collections.Indexes.
func (i RequestIndexes) IndexesList() []collections.Index[uint64, types.AccessRequest] {
	return []collections.Index[uint64, types.AccessRequest]{i.ByOwner, i.ByRequester}
}

func newRequestIndexes(sb *collections.SchemaBuilder, ac address.Codec) RequestIndexes {
	return RequestIndexes{
		ByOwner: indexes.NewMulti(sb, types.RequestsByOwnerKey, "requests_by_owner", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(r types.AccessRequest) string { return r.Owner })),
		ByRequester: indexes.NewMulti(sb, types.RequestsByRequesterKey, "requests_by_requester", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(r types.AccessRequest) string { return r.Requester })),
	}
}

// ReceiptIndexes index read receipts for every audit question: by record, by
// reader, by grant, by block time, and by (reader, record) for "the latest
// receipt of this reader for this record".
type ReceiptIndexes struct {
	ByRecord       *indexes.Multi[uint64, uint64, types.Receipt]
	ByReader       *indexes.Multi[sdk.AccAddress, uint64, types.Receipt]
	ByGrant        *indexes.Multi[uint64, uint64, types.Receipt]
	ByTime         *indexes.Multi[int64, uint64, types.Receipt]
	ByReaderRecord *indexes.Multi[collections.Pair[sdk.AccAddress, uint64], uint64, types.Receipt]
}

// IndexesList implements collections.Indexes.
func (i ReceiptIndexes) IndexesList() []collections.Index[uint64, types.Receipt] {
	return []collections.Index[uint64, types.Receipt]{i.ByRecord, i.ByReader, i.ByGrant, i.ByTime, i.ByReaderRecord}
}

func newReceiptIndexes(sb *collections.SchemaBuilder, ac address.Codec) ReceiptIndexes {
	return ReceiptIndexes{
		ByRecord: indexes.NewMulti(sb, types.ReceiptsByRecordKey, "receipts_by_record", collections.Uint64Key, collections.Uint64Key,
			func(_ uint64, r types.Receipt) (uint64, error) { return r.RecordId, nil }),
		ByReader: indexes.NewMulti(sb, types.ReceiptsByReaderKey, "receipts_by_reader", sdk.AccAddressKey, collections.Uint64Key,
			addressRef(ac, func(r types.Receipt) string { return r.Reader })),
		ByGrant: indexes.NewMulti(sb, types.ReceiptsByGrantKey, "receipts_by_grant", collections.Uint64Key, collections.Uint64Key,
			func(_ uint64, r types.Receipt) (uint64, error) { return r.GrantId, nil }),
		ByTime: indexes.NewMulti(sb, types.ReceiptsByTimeKey, "receipts_by_time", collections.Int64Key, collections.Uint64Key,
			func(_ uint64, r types.Receipt) (int64, error) { return timeKey(r.Time), nil }),
		ByReaderRecord: indexes.NewMulti(sb, types.ReceiptsByReaderRecordKey, "receipts_by_reader_record",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Key,
			func(_ uint64, r types.Receipt) (collections.Pair[sdk.AccAddress, uint64], error) {
				reader, err := ac.StringToBytes(r.Reader)
				return collections.Join(sdk.AccAddress(reader), r.RecordId), err
			}),
	}
}
