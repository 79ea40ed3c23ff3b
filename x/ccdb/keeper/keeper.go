// Package keeper holds x/ccdb state: encryption keys, records and their
// versions, envelope commitments, grants, access requests, read receipts,
// erasure attestations and each record's audit trail.
package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// Keeper manages the companion database's on-chain state.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    string
	consortium   types.ConsortiumKeeper

	Schema collections.Schema
	Params collections.Item[types.Params]

	// EncryptionKeys is every key ever registered, by (owner, index);
	// CurrentKey is each owner's current index.
	EncryptionKeys collections.Map[collections.Pair[sdk.AccAddress, uint64], types.EncryptionKey]
	CurrentKey     collections.Map[sdk.AccAddress, uint64]

	// The Last*ID sequences hold the last ID issued (0: none yet).
	LastRecordID collections.Sequence
	Records      collections.Map[uint64, types.Record]
	// RecordsByOwner is (owner, record). Like every index below it is
	// written once, when its object is created, from fields that never
	// change; updates then rewrite the object alone.
	RecordsByOwner collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// RecordTags is (tag, owner, record): the records with a tag, of any
	// owner or of one.
	RecordTags collections.KeySet[collections.Triple[string, sdk.AccAddress, uint64]]
	Versions   collections.Map[collections.Pair[uint64, uint64], types.RecordVersion]
	// Envelopes is (record, version, grantee) -> commitment.
	Envelopes collections.Map[collections.Triple[uint64, uint64, sdk.AccAddress], types.EnvelopeCommitment]

	LastGrantID collections.Sequence
	// Grants are stored without their use count, which lives in GrantUses:
	// a read then rewrites one small value, not the grant and its indexes.
	Grants    collections.Map[uint64, types.Grant]
	GrantUses collections.Map[uint64, uint64]
	// GrantsByOwner and GrantsByGrantee are (address, grant).
	GrantsByOwner   collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	GrantsByGrantee collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// RecordGrants is (record, grant) for every record a grant has covered:
	// history, never pruned, answering "grants by record". TagCoverage is
	// the same pairs the other way round, (grant, record), for tag-scoped
	// grants only (a record-scoped grant covers its scope's record).
	RecordGrants collections.KeySet[collections.Pair[uint64, uint64]]
	TagCoverage  collections.KeySet[collections.Pair[uint64, uint64]]
	// The live index: ACTIVE grants only, by what they cover. A grant leaves
	// it when it ends, and stays in Grants for the audit trail.
	LiveRecordGrants collections.KeySet[collections.Pair[uint64, uint64]]
	LiveTagGrants    collections.KeySet[collections.Triple[sdk.AccAddress, string, uint64]]
	// ExpiryQueue is (expiry time, grant) of ACTIVE grants, for EndBlock.
	ExpiryQueue collections.KeySet[collections.Pair[int64, uint64]]

	LastRequestID collections.Sequence
	Requests      collections.Map[uint64, types.AccessRequest]
	// RequestsByOwner and RequestsByRequester are (address, request).
	RequestsByOwner     collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	RequestsByRequester collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]

	LastReceiptID collections.Sequence
	Receipts      collections.Map[uint64, types.Receipt]
	// ReceiptsByRecord is (record, receipt) and ReceiptsByGrant (grant,
	// receipt). ReceiptsByReader is (reader, record, receipt): it answers
	// both "what did this reader read" and "this reader's latest receipt
	// for this record". Receipts by time need no index: IDs are issued in
	// block order and block times never decrease, so a time range is an ID
	// range.
	ReceiptsByRecord collections.KeySet[collections.Pair[uint64, uint64]]
	ReceiptsByGrant  collections.KeySet[collections.Pair[uint64, uint64]]
	ReceiptsByReader collections.KeySet[collections.Triple[sdk.AccAddress, uint64, uint64]]

	Attestations collections.Map[collections.Pair[uint64, sdk.AccAddress], types.ErasureAttestation]

	// Trail is each record's append-only audit trail, (record, sequence).
	// Sequences come from one chain-wide counter, so they order entries
	// across records too, and a block's entries update one counter key
	// instead of one per record.
	Trail             collections.Map[collections.Pair[uint64, uint64], types.TrailEntry]
	LastTrailSequence collections.Sequence
	// TrailFanOut is, per ended tag-scoped grant, the next covered record
	// whose trail still lacks the ending; EndBlock works it off.
	TrailFanOut collections.Map[uint64, uint64]
}

// NewKeeper creates the keeper. authority is the gov module account.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	addressCodec address.Codec,
	authority string,
	consortium types.ConsortiumKeeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid ccdb authority %q: %w", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	u64 := collections.Uint64Key
	addrID := collections.PairKeyCodec(sdk.AccAddressKey, u64)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		consortium:   consortium,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		EncryptionKeys: collections.NewMap(sb, types.EncryptionKeysKey, "encryption_keys",
			collections.PairKeyCodec(sdk.AccAddressKey, u64), codec.CollValue[types.EncryptionKey](cdc)),
		CurrentKey:     collections.NewMap(sb, types.CurrentKeyKey, "current_key", sdk.AccAddressKey, collections.Uint64Value),
		LastRecordID:   collections.NewSequence(sb, types.LastRecordIDKey, "last_record_id"),
		Records:        collections.NewMap(sb, types.RecordsKey, "records", u64, codec.CollValue[types.Record](cdc)),
		RecordsByOwner: collections.NewKeySet(sb, types.RecordsByOwnerKey, "records_by_owner", addrID),
		RecordTags: collections.NewKeySet(sb, types.RecordTagsKey, "record_tags",
			collections.TripleKeyCodec(collections.StringKey, sdk.AccAddressKey, u64)),
		Versions: collections.NewMap(sb, types.RecordVersionsKey, "record_versions",
			collections.PairKeyCodec(u64, u64), codec.CollValue[types.RecordVersion](cdc)),
		Envelopes: collections.NewMap(sb, types.EnvelopeCommitsKey, "envelope_commitments",
			collections.TripleKeyCodec(u64, u64, sdk.AccAddressKey), codec.CollValue[types.EnvelopeCommitment](cdc)),
		LastGrantID:      collections.NewSequence(sb, types.LastGrantIDKey, "last_grant_id"),
		Grants:           collections.NewMap(sb, types.GrantsKey, "grants", u64, codec.CollValue[types.Grant](cdc)),
		GrantsByOwner:    collections.NewKeySet(sb, types.GrantsByOwnerKey, "grants_by_owner", addrID),
		GrantsByGrantee:  collections.NewKeySet(sb, types.GrantsByGranteeKey, "grants_by_grantee", addrID),
		GrantUses:        collections.NewMap(sb, types.GrantUsesKey, "grant_uses", u64, collections.Uint64Value),
		RecordGrants:     collections.NewKeySet(sb, types.RecordGrantsKey, "record_grants", collections.PairKeyCodec(u64, u64)),
		TagCoverage:      collections.NewKeySet(sb, types.TagCoverageKey, "tag_coverage", collections.PairKeyCodec(u64, u64)),
		LiveRecordGrants: collections.NewKeySet(sb, types.LiveRecordGrantsKey, "live_record_grants", collections.PairKeyCodec(u64, u64)),
		LiveTagGrants: collections.NewKeySet(sb, types.LiveTagGrantsKey, "live_tag_grants",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, u64)),
		ExpiryQueue:         collections.NewKeySet(sb, types.ExpiryQueueKey, "expiry_queue", collections.PairKeyCodec(collections.Int64Key, u64)),
		LastRequestID:       collections.NewSequence(sb, types.LastRequestIDKey, "last_request_id"),
		Requests:            collections.NewMap(sb, types.RequestsKey, "requests", u64, codec.CollValue[types.AccessRequest](cdc)),
		RequestsByOwner:     collections.NewKeySet(sb, types.RequestsByOwnerKey, "requests_by_owner", addrID),
		RequestsByRequester: collections.NewKeySet(sb, types.RequestsByRequesterKey, "requests_by_requester", addrID),
		LastReceiptID:       collections.NewSequence(sb, types.LastReceiptIDKey, "last_receipt_id"),
		Receipts:            collections.NewMap(sb, types.ReceiptsKey, "receipts", u64, codec.CollValue[types.Receipt](cdc)),
		ReceiptsByRecord:    collections.NewKeySet(sb, types.ReceiptsByRecordKey, "receipts_by_record", collections.PairKeyCodec(u64, u64)),
		ReceiptsByGrant:     collections.NewKeySet(sb, types.ReceiptsByGrantKey, "receipts_by_grant", collections.PairKeyCodec(u64, u64)),
		ReceiptsByReader: collections.NewKeySet(sb, types.ReceiptsByReaderRecordKey, "receipts_by_reader",
			collections.TripleKeyCodec(sdk.AccAddressKey, u64, u64)),
		Attestations: collections.NewMap(sb, types.AttestationsKey, "attestations",
			collections.PairKeyCodec(u64, sdk.AccAddressKey), codec.CollValue[types.ErasureAttestation](cdc)),
		Trail: collections.NewMap(sb, types.TrailKey, "trail", collections.PairKeyCodec(u64, u64),
			codec.CollValue[types.TrailEntry](cdc)),
		LastTrailSequence: collections.NewSequence(sb, types.LastTrailSequenceKey, "last_trail_sequence"),
		TrailFanOut:       collections.NewMap(sb, types.TrailFanOutKey, "trail_fan_out", u64, collections.Uint64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// params returns the current params.
func (k Keeper) params(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// Authority is the account allowed to change the params.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec encodes account addresses.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// issueID returns the next ID of a sequence: IDs start at 1.
func issueID(ctx context.Context, last collections.Sequence) (uint64, error) {
	id, err := last.Peek(ctx)
	if err != nil {
		return 0, err
	}
	id++
	return id, last.Set(ctx, id)
}

// block is the height and time of the block being executed: the only clock
// the module uses.
type block struct {
	height int64
	time   time.Time
}

func blockOf(ctx context.Context) block {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	return block{height: sdkCtx.BlockHeight(), time: sdkCtx.BlockTime().UTC()}
}

// inCache runs fn on a cached context and writes its changes only if fn
// succeeds, so a refused message leaves no partial state behind even when
// the keeper is called outside a transaction.
func inCache(ctx context.Context, fn func(ctx sdk.Context) error) error {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write() // also re-emits fn's events on ctx
	return nil
}

// checkMsg loads the params and validates msg against them: every Msg
// handler's first step.
func (k Keeper) checkMsg(ctx context.Context, msg types.Validator) (types.Params, error) {
	p, err := k.params(ctx)
	if err != nil {
		return p, err
	}
	return p, msg.Validate(k.addressCodec, p)
}

func (k Keeper) mustBytes(addr string) sdk.AccAddress {
	bz, err := k.addressCodec.StringToBytes(addr)
	if err != nil {
		// Callers validate addresses first; reaching this is a bug.
		panic(fmt.Errorf("unvalidated address %q: %w", addr, err))
	}
	return bz
}

func (k Keeper) mustString(addr sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		panic(err)
	}
	return s
}
