package ipfsnode

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	ipfspinner "github.com/ipfs/boxo/pinning/pinner"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// maxReasonBytes bounds a pin reason, typically a record ID.
const maxReasonBytes = 256

// Pin is content kept from garbage collection, and the reasons it is kept
// (for instance the IDs of the records that reference it). Content stays
// pinned while at least one reason remains.
type Pin struct {
	Root    cid.Cid  `json:"root"`
	Reasons []string `json:"reasons"`
}

// Pin keeps root and every block it links to for reason, fetching missing
// blocks from peers when the node is online. Pinning again with another
// reason adds that reason.
//
// The fetch from peers happens before the pin lock is taken: a GC waiting
// for the lock would otherwise hold up every Add (writers go first) for as
// long as the fetch takes. Under the lock the graph is walked again, which
// is local unless a GC removed fetched blocks in between.
func (r *Repo) Pin(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	return r.pin(ctx, r.dag, root, reason)
}

// PinLocal pins root for reason only if every block it links to is stored
// here already; otherwise it fails at once with ErrContentNotFound, without
// asking peers. A custodian pins this way in its event loop, so that content
// no member has (or junk commitments) cannot stall it.
func (r *Repo) PinLocal(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	// A root not stored here fails at once, before a walk is set up: on
	// the members that did not receive an upload, that is the first pin of
	// every record and envelope.
	has, err := r.blocks.Has(ctx, root)
	if err != nil {
		return Pin{}, err
	}
	if !has {
		return Pin{}, fetchError(root, ipld.ErrNotFound{Cid: root})
	}
	return r.pin(ctx, r.localDAG, root, reason)
}

func (r *Repo) pin(ctx context.Context, dag ipld.DAGService, root cid.Cid, reason string) (Pin, error) {
	if err := validateReason(reason); err != nil {
		return Pin{}, err
	}
	if err := r.fetchGraph(ctx, dag, root); err != nil {
		return Pin{}, err
	}
	unlock := r.gcLocker.PinLock(ctx)
	defer unlock.Unlock(ctx)
	if err := r.fetchGraph(ctx, dag, root); err != nil {
		return Pin{}, err
	}
	return r.addReason(ctx, root, reason)
}

// Fetch stores root and every block it links to, fetching missing blocks
// from peers when the node is online, without pinning them: the next GC
// removes them unless a pin comes first.
func (r *Repo) Fetch(ctx context.Context, root cid.Cid) error {
	return r.fetchGraph(ctx, r.dag, root)
}

// Unpin removes one reason for keeping root. When none remains, root is no
// longer pinned and the next GC removes the blocks no other pin needs.
func (r *Repo) Unpin(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	if err := validateReason(reason); err != nil {
		return Pin{}, err
	}
	r.pinMu.Lock()
	defer r.pinMu.Unlock()
	key := root.KeyString()
	has, err := r.reasons.HasValue(ctx, key, reason)
	if err != nil {
		return Pin{}, fmt.Errorf("unpin %s: %w", root, err)
	}
	if !has {
		return Pin{}, fmt.Errorf("unpin %s: %w %q", root, ErrNotPinned, reason)
	}
	if err := r.reasons.Delete(ctx, key, reason); err != nil {
		return Pin{}, fmt.Errorf("unpin %s: %w", root, err)
	}
	remaining, err := r.reasons.Search(ctx, key)
	if err != nil {
		return Pin{}, fmt.Errorf("unpin %s: %w", root, err)
	}
	if len(remaining) == 0 {
		if err := r.pinner.Unpin(ctx, root, true); err != nil && !errors.Is(err, ipfspinner.ErrNotPinned) {
			return Pin{}, fmt.Errorf("unpin %s: %w", root, err)
		}
	}
	return pinOf(root, remaining), nil
}

// Pins lists every pinned root with its reasons, ordered by CID.
func (r *Repo) Pins(ctx context.Context) ([]Pin, error) {
	byRoot := map[string][]string{}
	err := r.reasons.ForEach(ctx, "", func(key, reason string) bool {
		byRoot[key] = append(byRoot[key], reason)
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("list pins: %w", err)
	}
	pins := make([]Pin, 0, len(byRoot))
	for key, reasons := range byRoot {
		root, err := cid.Cast([]byte(key))
		if err != nil {
			return nil, fmt.Errorf("list pins: bad CID in the reasons index: %w", err)
		}
		pins = append(pins, pinOf(root, reasons))
	}
	sort.Slice(pins, func(i, j int) bool { return pins[i].Root.String() < pins[j].Root.String() })
	return pins, nil
}

// addReason records reason for root, pinning root first if this is its
// first reason. The pin is written before the reason, so a crash in
// between leaves a pin without reason, which dropPinsWithoutReason clears.
// The caller must hold the pin lock and have the whole DAG stored.
func (r *Repo) addReason(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	r.pinMu.Lock()
	defer r.pinMu.Unlock()
	_, pinned, err := r.pinner.IsPinnedWithType(ctx, root, ipfspinner.Recursive)
	if err != nil {
		return Pin{}, fmt.Errorf("pin %s: %w", root, err)
	}
	if !pinned {
		// PinWithMode does not walk the DAG again: fetchGraph or the
		// importer has just stored all of it.
		if err := r.pinner.PinWithMode(ctx, root, ipfspinner.Recursive, ""); err != nil {
			return Pin{}, fmt.Errorf("pin %s: %w", root, err)
		}
	}
	key := root.KeyString()
	if err := r.reasons.Add(ctx, key, reason); err != nil {
		return Pin{}, fmt.Errorf("pin %s: %w", root, err)
	}
	if err := r.datastore.Sync(ctx, pinReasonsKey); err != nil {
		return Pin{}, fmt.Errorf("pin %s: %w", root, err)
	}
	reasons, err := r.reasons.Search(ctx, key)
	if err != nil {
		return Pin{}, fmt.Errorf("pin %s: %w", root, err)
	}
	return pinOf(root, reasons), nil
}

// dropPinsWithoutReason unpins roots left without any reason by a crash
// in the middle of Pin or Unpin.
func (r *Repo) dropPinsWithoutReason(ctx context.Context) error {
	var orphans []cid.Cid
	for p := range r.pinner.RecursiveKeys(ctx, false) {
		if p.Err != nil {
			return fmt.Errorf("check pins: %w", p.Err)
		}
		has, err := r.reasons.HasAny(ctx, p.Pin.Key.KeyString())
		if err != nil {
			return fmt.Errorf("check pins: %w", err)
		}
		if !has {
			orphans = append(orphans, p.Pin.Key)
		}
	}
	for _, c := range orphans {
		if err := r.pinner.Unpin(ctx, c, true); err != nil {
			return fmt.Errorf("drop pin %s without reason: %w", c, err)
		}
	}
	return nil
}

func validateReason(reason string) error {
	switch {
	case reason == "":
		return fmt.Errorf("%w: a reason is required (for example the record that needs the content)", ErrInvalidReason)
	case len(reason) > maxReasonBytes:
		return fmt.Errorf("%w: longer than %d bytes", ErrInvalidReason, maxReasonBytes)
	case !utf8.ValidString(reason):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidReason)
	}
	return nil
}

func pinOf(root cid.Cid, reasons []string) Pin {
	sort.Strings(reasons)
	if reasons == nil {
		reasons = []string{}
	}
	return Pin{Root: root, Reasons: reasons}
}
