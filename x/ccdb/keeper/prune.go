package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

// EndBlock does the module's bounded housekeeping. "Pruning" an expired
// grant means marking it EXPIRED and taking it out of the live index and the
// expiry queue; the grant itself stays for the audit trail. At most
// max_prune_per_block units of work are done per block: one per expired
// grant, one per trail entry fanned out for an ended tag-scoped grant.
// Pending fan-outs go first, so trails stay in the order grants ended; then
// expiries; then the fan-outs those expiries started, budget permitting.
// Whatever is left waits for the next block; until then an expired grant is
// already refused (reads compare its expiry with the block time).
func (k Keeper) EndBlock(ctx context.Context) error {
	p, err := k.params(ctx)
	if err != nil {
		return err
	}
	budget := int(p.MaxPrunePerBlock)
	for _, step := range []func(context.Context, int) (int, error){k.fanOutTrails, k.expireGrants, k.fanOutTrails} {
		done, err := step(ctx, budget)
		if err != nil {
			return err
		}
		budget -= done
	}
	return nil
}

// expireGrants marks up to limit grants whose expiry has passed EXPIRED, in
// expiry order, and returns how many it marked.
func (k Keeper) expireGrants(ctx context.Context, limit int) (int, error) {
	if limit <= 0 {
		return 0, nil
	}
	b := blockOf(ctx)
	// Expired means expiry <= block time: every key below (now+1ns, 0).
	due := new(collections.Range[collections.Pair[int64, uint64]]).
		EndExclusive(collections.Join(timeKey(b.time)+1, uint64(0)))
	var ids []uint64
	err := k.ExpiryQueue.Walk(ctx, due, func(key collections.Pair[int64, uint64]) (bool, error) {
		ids = append(ids, key.K2())
		return len(ids) == limit, nil
	})
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		g, err := k.GetGrant(ctx, id)
		if err != nil {
			return 0, err
		}
		if err := k.endGrant(ctx, g, types.GRANT_STATUS_EXPIRED, b); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// fanOutTrails writes up to limit pending grant-ending entries into the
// trails of the records ended tag-scoped grants covered, oldest grant first,
// and returns how many it wrote.
func (k Keeper) fanOutTrails(ctx context.Context, limit int) (int, error) {
	written := 0
	for written < limit {
		grantID, cursor, found, err := k.nextFanOut(ctx)
		if err != nil || !found {
			return written, err
		}
		g, err := k.GetGrant(ctx, grantID)
		if err != nil {
			return written, err
		}
		records, more, err := k.coveredFrom(ctx, grantID, cursor, limit-written)
		if err != nil {
			return written, err
		}
		b := blockOf(ctx)
		for _, recordID := range records {
			if err := k.appendTrail(ctx, grantEndedEntry(b, recordID, g)); err != nil {
				return written, err
			}
		}
		written += len(records)
		if more {
			return written, k.TrailFanOut.Set(ctx, grantID, records[len(records)-1]+1)
		}
		if err := k.TrailFanOut.Remove(ctx, grantID); err != nil {
			return written, err
		}
	}
	return written, nil
}

// nextFanOut returns the oldest pending fan-out.
func (k Keeper) nextFanOut(ctx context.Context) (grantID, cursor uint64, found bool, err error) {
	err = k.TrailFanOut.Walk(ctx, nil, func(id, next uint64) (bool, error) {
		grantID, cursor, found = id, next, true
		return true, nil
	})
	return grantID, cursor, found, err
}

// coveredFrom lists up to limit records tag-scoped grantID covered, from record ID
// cursor on, and whether more remain.
func (k Keeper) coveredFrom(ctx context.Context, grantID, cursor uint64, limit int) ([]uint64, bool, error) {
	var records []uint64
	more := false
	err := k.TagCoverage.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](grantID).StartInclusive(cursor),
		func(key collections.Pair[uint64, uint64]) (bool, error) {
			if len(records) == limit {
				more = true
				return true, nil
			}
			records = append(records, key.K2())
			return false, nil
		})
	return records, more, err
}
