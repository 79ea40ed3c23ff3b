package ipfsnode

import (
	"context"
	"fmt"
)

// Stat summarises the repo.
type Stat struct {
	Usage
	// StorageLimit is the most bytes of blocks allowed; 0 means no limit.
	StorageLimit uint64 `json:"storage_limit"`
	PinnedRoots  int    `json:"pinned_roots"`
}

// Stat returns block count and bytes (kept current, not scanned), the
// storage limit, and how many roots are pinned.
func (r *Repo) Stat(ctx context.Context) (Stat, error) {
	roots := map[string]struct{}{}
	err := r.reasons.ForEach(ctx, "", func(key, _ string) bool {
		roots[key] = struct{}{}
		return true
	})
	if err != nil {
		return Stat{}, fmt.Errorf("stat: %w", err)
	}
	return Stat{Usage: r.blocks.Usage(), StorageLimit: r.blocks.limit, PinnedRoots: len(roots)}, nil
}
