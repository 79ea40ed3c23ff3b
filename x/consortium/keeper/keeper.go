// Package keeper holds x/consortium state: members, observer nodes, the
// validator set handed to CometBFT and recorded misbehaviour.
package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/comet"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// MemberIndexes index members by their validator's consensus address, which
// is how CometBFT names a validator in evidence.
type MemberIndexes struct {
	ByConsensusAddress *indexes.Unique[[]byte, sdk.AccAddress, types.Member]
}

// IndexesList implements collections.Indexes.
func (i MemberIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Member] {
	return []collections.Index[sdk.AccAddress, types.Member]{i.ByConsensusAddress}
}

func newMemberIndexes(sb *collections.SchemaBuilder) MemberIndexes {
	return MemberIndexes{
		ByConsensusAddress: indexes.NewUnique(
			sb, types.MembersByConsensusKey, "members_by_consensus_address",
			collections.BytesKey, sdk.AccAddressKey,
			func(_ sdk.AccAddress, m types.Member) ([]byte, error) {
				return types.ConsensusAddress(m.ConsensusPubkey), nil
			},
		),
	}
}

// Keeper manages the consortium. Only governance (the authority) changes
// members and observers; CometBFT evidence suspends misbehaving members.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    string
	cometInfo    comet.BlockInfoService

	Schema        collections.Schema
	Params        collections.Item[types.Params]
	Members       *collections.IndexedMap[sdk.AccAddress, types.Member, MemberIndexes]
	MemberNodes   collections.Map[string, sdk.AccAddress]
	ObserverNodes collections.Map[string, types.ObserverNode]
	// LastValidators is the validator set as last handed to CometBFT, keyed by
	// consensus address; EndBlock diffs the members against it.
	LastValidators collections.Map[[]byte, types.Validator]
	// Misbehaviours are keyed by (infraction height, consensus address), so
	// the same evidence is recorded once.
	Misbehaviours collections.Map[collections.Pair[int64, []byte], types.Misbehaviour]
}

// NewKeeper creates the keeper. authority is the gov module account.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	addressCodec address.Codec,
	authority string,
	cometInfo comet.BlockInfoService,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid consortium authority %q: %w", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		cometInfo:    cometInfo,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Members: collections.NewIndexedMap(sb, types.MembersKey, "members", sdk.AccAddressKey,
			codec.CollValue[types.Member](cdc), newMemberIndexes(sb)),
		MemberNodes:   collections.NewMap(sb, types.MemberNodesKey, "member_nodes", collections.StringKey, collcodec.KeyToValueCodec(sdk.AccAddressKey)),
		ObserverNodes: collections.NewMap(sb, types.ObserverNodesKey, "observer_nodes", collections.StringKey, codec.CollValue[types.ObserverNode](cdc)),
		LastValidators: collections.NewMap(sb, types.LastValidatorPowersKey, "last_validators", collections.BytesKey,
			codec.CollValue[types.Validator](cdc)),
		Misbehaviours: collections.NewMap(sb, types.MisbehavioursKey, "misbehaviours",
			collections.PairKeyCodec(collections.Int64Key, collections.BytesKey), codec.CollValue[types.Misbehaviour](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority is the account allowed to change the consortium.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec encodes account addresses.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// inCache runs fn on a cached context and writes its changes only if fn
// succeeds, so a refused change leaves no partial state behind even when the
// keeper is called outside a transaction.
func inCache(ctx context.Context, fn func(ctx sdk.Context) error) error {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}
