package ipfsnode

import (
	"context"
	"fmt"
	"sync"

	"github.com/dustin/go-humanize"
	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// Usage is how much the repo holds: every stored block, pinned or not.
type Usage struct {
	Blocks uint64 `json:"blocks"`
	Bytes  uint64 `json:"bytes"`
}

// quotaBlockstore keeps a running count of stored blocks and bytes, and
// refuses writes past the storage limit, whoever writes: an add, or bitswap
// fetching content for a pin.
type quotaBlockstore struct {
	blockstore.Blockstore
	limit uint64 // bytes; 0 means none

	mu    sync.Mutex // held across check and write so the count stays exact
	usage Usage
}

func newQuotaBlockstore(bs blockstore.Blockstore, limit uint64, usage Usage) *quotaBlockstore {
	return &quotaBlockstore{Blockstore: bs, limit: limit, usage: usage}
}

func (q *quotaBlockstore) Usage() Usage {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.usage
}

func (q *quotaBlockstore) Put(ctx context.Context, b blocks.Block) error {
	return q.PutMany(ctx, []blocks.Block{b})
}

func (q *quotaBlockstore) PutMany(ctx context.Context, bs []blocks.Block) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	fresh, added, err := q.newBlocks(ctx, bs)
	if err != nil || len(fresh) == 0 {
		return err
	}
	if q.limit > 0 && q.usage.Bytes+added > q.limit {
		return fmt.Errorf("%w: storing %s more would exceed the limit of %s (%s in use)", ErrStorageLimit,
			humanize.IBytes(added), humanize.IBytes(q.limit), humanize.IBytes(q.usage.Bytes))
	}
	if err := q.Blockstore.PutMany(ctx, fresh); err != nil {
		return err
	}
	q.usage.Blocks += uint64(len(fresh))
	q.usage.Bytes += added
	return nil
}

// newBlocks drops blocks already stored (or repeated in bs), so that
// rewriting content costs no quota.
func (q *quotaBlockstore) newBlocks(ctx context.Context, bs []blocks.Block) ([]blocks.Block, uint64, error) {
	fresh := make([]blocks.Block, 0, len(bs))
	seen := make(map[string]struct{}, len(bs))
	var added uint64
	for _, b := range bs {
		key := string(b.Cid().Hash())
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		has, err := q.Blockstore.Has(ctx, b.Cid())
		if err != nil {
			return nil, 0, err
		}
		if !has {
			fresh = append(fresh, b)
			added += uint64(len(b.RawData()))
		}
	}
	return fresh, added, nil
}

func (q *quotaBlockstore) DeleteBlock(ctx context.Context, c cid.Cid) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	size, err := q.Blockstore.GetSize(ctx, c)
	if ipld.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := q.Blockstore.DeleteBlock(ctx, c); err != nil {
		return err
	}
	q.usage.Blocks--
	q.usage.Bytes -= uint64(size)
	return nil
}
