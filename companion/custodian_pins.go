package companion

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/msec-city/msec/ipfsnode"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// A custodian's pass pins only content stored here already; anything else
// is fetched in the background and pinned on a later pass. A pass therefore
// never waits for the network, so content no member has (or an owner's junk
// commitments) cannot hold up the revocations and erasures behind it.
const (
	// maxPrefetches is how many background fetches run at once.
	maxPrefetches = 4
	// pinRetryInterval is how long a failed pin waits before its first
	// retry; each failed retry doubles the wait, up to maxPinRetryInterval.
	pinRetryInterval    = 30 * time.Second
	maxPinRetryInterval = time.Hour
	// maxRetriesPerPass bounds the retries one pass tries, so a long queue
	// of missing content costs each pass little.
	maxRetriesPerPass = 64
	// pinRetryPeriod is how long a live record's content is looked for
	// before the custodian gives up (and logs it).
	pinRetryPeriod = 24 * time.Hour
)

// keepVersion pins a new version's ciphertext and the owner's envelope,
// fetching them from the member that received the upload if needed. The
// event names both, so following the chain costs no query per record; the
// record may have been erased since (a custodian catching up), in which
// case the erasure's event, later in the chain, unpins them again.
func (s *Service) keepVersion(ctx context.Context, v versionEvent) error {
	if len(v.ownerCommitment) == 0 {
		// An event from before the commitment was part of it.
		res, err := ccdbtypes.NewQueryClient(s.chain).RecordVersion(ctx, &ccdbtypes.QueryRecordVersionRequest{RecordId: v.recordID, Version: v.version})
		if err != nil {
			return err
		}
		v.ownerCommitment = res.Version.OwnerEnvelopeCommitment
	}
	root, err := ipfsnode.ParseCID(v.cid)
	if err != nil {
		return err
	}
	if err := s.pin(ctx, v.recordID, root, recordReason(v.recordID, v.version)); err != nil {
		return err
	}
	env, err := EnvelopeCID(v.ownerCommitment)
	if err != nil {
		return err
	}
	return s.pin(ctx, v.recordID, env, envelopeReason(v.recordID, v.version, v.owner))
}

// versionEvent is what custodians need from EventRecordPut and
// EventRecordUpdated.
type versionEvent struct {
	recordID, version uint64
	owner, cid        string
	ownerCommitment   []byte
}

// keepEnvelope pins a grantee's newly committed envelope and drops the one
// it replaced. As in keepVersion, an erasure later in the chain undoes it.
func (s *Service) keepEnvelope(ctx context.Context, e *ccdbtypes.EventEnvelopeCommitted) error {
	reason := envelopeReason(e.RecordId, e.Version, e.Grantee)
	env, err := EnvelopeCID(e.Commitment)
	if err != nil {
		return err
	}
	if err := s.pin(ctx, e.RecordId, env, reason); err != nil {
		return err
	}
	if len(e.Replaced) == 0 {
		return nil
	}
	old, err := EnvelopeCID(e.Replaced)
	if err != nil {
		return err
	}
	_, err = s.drop(ctx, old, reason)
	return err
}

// pin keeps root for reason. Content another member received is fetched
// over bitswap in the background and the pin is retried, on the next pass
// once the fetch is done, rather than holding up the blocks that follow.
func (s *Service) pin(ctx context.Context, recordID uint64, root cid.Cid, reason string) error {
	err := s.pinHere(ctx, root, reason)
	if err == nil {
		return nil
	}
	s.prefetch(ctx, root)
	// Debug: on a member that did not receive the upload this is every put.
	s.logger.Debug("custodian fetches content in the background; will pin it then", "record", recordID, "cid", root.String(), "reason", reason, "err", err)
	return s.state.queueRetry(pinRetry{RecordID: recordID, CID: root.String(), Reason: reason, Next: s.now().Add(pinRetryInterval), GiveUp: s.now().Add(pinRetryPeriod)})
}

// pinHere pins root for reason if it is stored here, and adopts it: the
// upload reasons it was kept for until now are dropped, so that from now on
// the chain alone (a revocation, an erasure) decides when it goes.
func (s *Service) pinHere(ctx context.Context, root cid.Cid, reason string) error {
	pin, err := s.store.PinLocal(ctx, root, reason)
	if err != nil {
		return err
	}
	for _, r := range pin.Reasons {
		if _, isUpload := uploadDeadline(r); isUpload {
			if _, err := s.unpin(ctx, root, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// retryPins tries again, at most maxRetriesPerPass of them, the pins whose
// background fetch has finished, then the failed pins that are due, the
// longest due first. Each failure doubles an entry's wait, so content
// nobody has (junk commitments) soon costs next to nothing per pass.
func (s *Service) retryPins(ctx context.Context) error {
	q := ccdbtypes.NewQueryClient(s.chain)
	now := s.now()
	var fetched []pinRetry
	for _, c := range s.takePrefetched() {
		retries, err := s.state.retriesFor(c)
		if err != nil {
			return err
		}
		fetched = append(fetched, retries...)
	}
	fetched = fetched[:min(len(fetched), maxRetriesPerPass)]
	due, err := s.state.dueRetries(now, maxRetriesPerPass-len(fetched))
	if err != nil {
		return err
	}
	tried := map[string]bool{}
	for _, p := range append(fetched, due...) {
		key := string(pinKey(p.CID, p.Reason))
		if tried[key] {
			continue // fetched and due at once
		}
		tried[key] = true
		settled := s.retryPin(ctx, q, &p, now)
		if settled {
			err = s.state.deleteRetry(p)
		} else {
			err = s.state.putRetry(p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// retryPin tries one failed pin again and says whether it is settled:
// pinned, given up, or no longer needed. Otherwise it asks the members for
// the content in the background and waits longer before the next try. The
// chain is asked whether the record is still live only once the content is
// here, so a long queue of missing content costs no queries.
func (s *Service) retryPin(ctx context.Context, q ccdbtypes.QueryClient, p *pinRetry, now time.Time) bool {
	if now.After(p.GiveUp) {
		s.logger.Error("custodian gave up pinning: no member has the content", "record", p.RecordID, "cid", p.CID, "reason", p.Reason)
		return true
	}
	root, err := cid.Decode(p.CID)
	if err != nil {
		return true
	}
	if err := s.pinHere(ctx, root, p.Reason); err != nil {
		s.prefetch(ctx, root)
		p.Attempts++
		p.Next = now.Add(retryWait(p.Attempts))
		return false
	}
	rec, err := q.Record(ctx, &ccdbtypes.QueryRecordRequest{RecordId: p.RecordID})
	if err == nil && rec.Record.Status != ccdbtypes.RECORD_STATUS_ACTIVE {
		// Erased meanwhile: the fetch arrived after the erasure's
		// collection. Unpinning has the next collection remove it.
		_, err := s.unpin(ctx, root, p.Reason)
		if err != nil {
			s.logger.Error("custodian could not drop content of an erased record", "record", p.RecordID, "cid", p.CID, "err", err)
			return false
		}
		return true
	}
	s.logger.Info("custodian pinned on retry", "record", p.RecordID, "cid", p.CID, "reason", p.Reason)
	return true
}

// retryWait is the wait after a pin's attempts-th failed retry:
// pinRetryInterval, doubling up to maxPinRetryInterval.
func retryWait(attempts int) time.Duration {
	wait := pinRetryInterval
	for i := 1; i < attempts && wait < maxPinRetryInterval; i++ {
		wait *= 2
	}
	return min(wait, maxPinRetryInterval)
}

// prefetch fetches root from the members in the background, for up to
// fetch_timeout, unless it is being fetched already or maxPrefetches
// fetches are running (a later retry asks again).
func (s *Service) prefetch(ctx context.Context, root cid.Cid) {
	key := root.String()
	s.prefetchMu.Lock()
	defer s.prefetchMu.Unlock()
	if _, busy := s.prefetching[key]; busy || len(s.prefetching) >= maxPrefetches {
		return
	}
	s.prefetching[key] = struct{}{}
	s.prefetches.Add(1)
	go func() {
		defer s.prefetches.Done()
		fetchCtx, cancel := context.WithTimeout(ctx, s.settings.FetchTimeout)
		defer cancel()
		err := s.store.Fetch(fetchCtx, root)
		if err != nil {
			s.logger.Error("custodian could not fetch content; will retry", "cid", key, "err", err)
		}
		s.prefetchMu.Lock()
		delete(s.prefetching, key)
		if err == nil {
			s.prefetched[key] = struct{}{}
		}
		s.prefetchMu.Unlock()
	}()
}

// takePrefetched is the CIDs whose background fetch has finished since
// the last call, in order, so their pins need not wait for the retry
// interval.
func (s *Service) takePrefetched() []string {
	s.prefetchMu.Lock()
	defer s.prefetchMu.Unlock()
	done := slices.Sorted(maps.Keys(s.prefetched))
	clear(s.prefetched)
	return done
}

// drop unpins content the chain no longer wants kept for reason, and
// forgets a pin of it still queued (its fetch pending), so that a fetch
// landing later cannot pin it again.
func (s *Service) drop(ctx context.Context, root cid.Cid, reason string) (bool, error) {
	if err := s.state.forgetRetry(root.String(), reason); err != nil {
		return false, err
	}
	return s.unpin(ctx, root, reason)
}

// unpin drops one reason; content not pinned for it is not an error (a
// block may be processed twice after a restart).
func (s *Service) unpin(ctx context.Context, root cid.Cid, reason string) (bool, error) {
	_, err := s.store.Unpin(ctx, root, reason)
	if errors.Is(err, ipfsnode.ErrNotPinned) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("unpinning %s (%s): %w", root, reason, err)
	}
	s.unpinned = true
	return true, nil
}

// collect garbage-collects if anything was unpinned since the last time,
// so deleted envelopes and content leave the disk.
func (s *Service) collect(ctx context.Context) (ipfsnode.GCResult, error) {
	if !s.unpinned {
		return ipfsnode.GCResult{}, nil
	}
	res, err := s.store.GC(ctx)
	if err != nil {
		return res, err
	}
	s.unpinned = false
	s.logger.Debug("garbage collected", "blocks", res.RemovedBlocks, "bytes", res.RemovedBytes)
	return res, nil
}
