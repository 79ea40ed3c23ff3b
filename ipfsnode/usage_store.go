package ipfsnode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ipfs/boxo/blockstore"
	ds "github.com/ipfs/go-datastore"
	dsq "github.com/ipfs/go-datastore/query"
)

// usageKey holds the block counts saved at the last clean close.
var usageKey = ds.NewKey("/msec/usage")

// loadUsage returns the counts saved at the last clean close and deletes
// them, so that a crash before the next close forces a recount instead of
// trusting stale numbers.
func loadUsage(ctx context.Context, d ds.Datastore) (Usage, error) {
	data, err := d.Get(ctx, usageKey)
	if errors.Is(err, ds.ErrNotFound) {
		return countBlocks(ctx, d)
	}
	if err != nil {
		return Usage{}, fmt.Errorf("read usage: %w", err)
	}
	var u Usage
	if err := json.Unmarshal(data, &u); err != nil {
		return countBlocks(ctx, d)
	}
	if err := d.Delete(ctx, usageKey); err != nil {
		return Usage{}, fmt.Errorf("clear usage: %w", err)
	}
	return u, nil
}

// countBlocks scans every stored block: slow for large repos, so used only
// after an unclean shutdown.
func countBlocks(ctx context.Context, d ds.Datastore) (Usage, error) {
	results, err := d.Query(ctx, dsq.Query{Prefix: blockstore.BlockPrefix.String(), KeysOnly: true, ReturnsSizes: true})
	if err != nil {
		return Usage{}, fmt.Errorf("count blocks: %w", err)
	}
	defer results.Close()
	var u Usage
	for r := range results.Next() {
		if r.Error != nil {
			return Usage{}, fmt.Errorf("count blocks: %w", r.Error)
		}
		u.Blocks++
		u.Bytes += uint64(r.Size)
	}
	return u, nil
}

func saveUsage(ctx context.Context, d ds.Datastore, u Usage) error {
	data, err := json.Marshal(u)
	if err != nil {
		return err
	}
	if err := d.Put(ctx, usageKey, data); err != nil {
		return fmt.Errorf("save usage: %w", err)
	}
	return nil
}
