package ipfsnode

import (
	"context"
	"fmt"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	"github.com/syndtr/goleveldb/leveldb/util"
)

// GCResult is what a garbage collection removed.
type GCResult struct {
	RemovedBlocks uint64 `json:"removed_blocks"`
	RemovedBytes  uint64 `json:"removed_bytes"`
}

// GC deletes every block that no pin reaches, then compacts the datastore
// so the disk space is returned. Adds and pins wait while blocks are
// deleted, not while the datastore compacts (which, on a large store, takes
// far longer and needs no lock).
func (r *Repo) GC(ctx context.Context) (GCResult, error) {
	res, err := r.deleteUnpinned(ctx)
	if err != nil {
		return GCResult{}, err
	}
	if err := r.datastore.DB.CompactRange(util.Range{}); err != nil {
		return GCResult{}, fmt.Errorf("gc: compact: %w", err)
	}
	return res, nil
}

// deleteUnpinned deletes, under the GC lock, every block no pin reaches.
func (r *Repo) deleteUnpinned(ctx context.Context) (GCResult, error) {
	unlock := r.gcLocker.GCLock(ctx)
	defer unlock.Unlock(ctx)
	live, err := r.liveBlocks(ctx)
	if err != nil {
		return GCResult{}, fmt.Errorf("gc: %w", err)
	}
	before := r.blocks.Usage()
	keys, err := r.blocks.AllKeysChan(ctx)
	if err != nil {
		return GCResult{}, fmt.Errorf("gc: list blocks: %w", err)
	}
	for c := range keys {
		if _, ok := live[string(c.Hash())]; ok {
			continue
		}
		if err := r.blocks.DeleteBlock(ctx, c); err != nil {
			return GCResult{}, fmt.Errorf("gc: delete %s: %w", c, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return GCResult{}, fmt.Errorf("gc: %w", err)
	}
	after := r.blocks.Usage()
	return GCResult{RemovedBlocks: before.Blocks - after.Blocks, RemovedBytes: before.Bytes - after.Bytes}, nil
}

// liveBlocks returns the multihashes of every block reachable from a pin.
// Blocks are keyed by multihash in the store, so CIDs are compared by it.
// A pinned DAG with a missing block aborts GC rather than guess.
func (r *Repo) liveBlocks(ctx context.Context) (map[string]struct{}, error) {
	live := map[string]struct{}{}
	visit := func(c cid.Cid) bool {
		key := string(c.Hash())
		if _, seen := live[key]; seen {
			return false
		}
		live[key] = struct{}{}
		return true
	}
	linksOf := merkledag.GetLinksDirect(r.localDAG)
	getLinks := func(ctx context.Context, c cid.Cid) ([]*ipld.Link, error) {
		if c.Type() == cid.Raw {
			return nil, nil // raw blocks link nowhere: no need to read them
		}
		return linksOf(ctx, c)
	}
	for p := range r.pinner.RecursiveKeys(ctx, false) {
		if p.Err != nil {
			return nil, fmt.Errorf("list pins: %w", p.Err)
		}
		if err := merkledag.Walk(ctx, getLinks, p.Pin.Key, visit); err != nil {
			return nil, fmt.Errorf("pinned DAG %s is incomplete: %w", p.Pin.Key, err)
		}
	}
	for p := range r.pinner.DirectKeys(ctx, false) {
		if p.Err != nil {
			return nil, fmt.Errorf("list pins: %w", p.Err)
		}
		visit(p.Pin.Key)
	}
	return live, nil
}
