package companion

import (
	"context"
	"time"
)

// runSweeper removes uploads past their TTL that no record adopted, and
// runs the garbage collections refused uploads ask for.
func (s *Service) runSweeper(ctx context.Context) {
	interval := min(max(s.settings.UploadTTL/4, time.Second), time.Minute)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		force := false
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		case <-s.gcWanted:
			force = true
		}
		if _, err := s.SweepUploads(ctx, force); err != nil && ctx.Err() == nil {
			s.logger.Error("sweeping expired uploads", "err", err)
		}
	}
}

// SweepUploads unpins every upload whose TTL has passed (content a record
// references stays pinned for the record), then garbage-collects if it
// unpinned anything or force is set. It returns how many it unpinned.
func (s *Service) SweepUploads(ctx context.Context, force bool) (int, error) {
	pins, err := s.store.Pins(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	n := 0
	for _, p := range pins {
		for _, reason := range p.Reasons {
			if deadline, ok := uploadDeadline(reason); ok && now.After(deadline) {
				if _, err := s.store.Unpin(ctx, p.Root, reason); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	if n > 0 || force {
		res, err := s.store.GC(ctx)
		if err != nil {
			return n, err
		}
		s.logger.Info("expired uploads swept", "unpinned", n, "removed_blocks", res.RemovedBlocks, "removed_bytes", res.RemovedBytes)
	}
	return n, nil
}
