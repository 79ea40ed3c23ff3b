package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// timeKey orders block times in keys: Unix nanoseconds, exact for every
// block time until the year 2262.
func timeKey(t time.Time) int64 { return t.UnixNano() }

// indexByAddress adds (address, id) to each index: how an object created
// by or for some accounts becomes listable by each of them.
func (k Keeper) indexByAddress(ctx context.Context, id uint64, refs ...addressIndex) error {
	for _, ref := range refs {
		if err := ref.index.Set(ctx, collections.Join(k.mustBytes(ref.addr), id)); err != nil {
			return err
		}
	}
	return nil
}

// addressIndex names one (address, id) index entry to write.
type addressIndex struct {
	index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	addr  string
}
