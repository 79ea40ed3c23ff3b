package ipfsnode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/ipfs/boxo/blockstore"
	dshelp "github.com/ipfs/boxo/datastore/dshelp"
	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

func TestContentSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	data := contentBytes("restart", 3<<20+17)
	r, err := OpenRepo(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	root := mustAdd(t, r, data, "record-1")
	before := r.blocks.Usage()
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	r = openTestRepo(t, dir, 0)
	if got := mustCat(t, r, root); !bytes.Equal(got, data) {
		t.Fatalf("after restart read %d bytes that differ from the %d added", len(got), len(data))
	}
	if after := r.blocks.Usage(); after != before {
		t.Errorf("usage after restart = %+v, before = %+v", after, before)
	}
	pins, err := r.Pins(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 1 || !pins[0].Root.Equals(root) || !slices.Equal(pins[0].Reasons, []string{"record-1"}) {
		t.Errorf("pins after restart = %+v", pins)
	}
}

func TestUsageRecountedAfterUncleanShutdown(t *testing.T) {
	dir := t.TempDir()
	r, err := OpenRepo(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, contentBytes("unclean", 600_000), "r")
	want := r.blocks.Usage()
	// Close the datastore without saving the counters, as a crash would.
	if err := r.pinner.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.datastore.Close(); err != nil {
		t.Fatal(err)
	}

	r = openTestRepo(t, dir, 0)
	if got := r.blocks.Usage(); got != want {
		t.Errorf("recounted usage = %+v, want %+v", got, want)
	}
}

func TestGCRemovesExactlyUnpinnedBlocks(t *testing.T) {
	ctx := context.Background()
	r := openTestRepo(t, t.TempDir(), 0)
	// kept and dropped share their first chunk, so the shared leaf must
	// survive while kept is pinned.
	shared := contentBytes("shared-chunk", 256<<10)
	kept := append(slices.Clone(shared), contentBytes("kept-tail", 300_000)...)
	dropped := append(slices.Clone(shared), contentBytes("dropped-tail", 300_000)...)
	keptRoot := mustAdd(t, r, kept, "record-kept")
	droppedRoot := mustAdd(t, r, dropped, "record-dropped")
	loose := mustAdd(t, r, contentBytes("never-pinned", 5000), "")

	if _, err := r.Unpin(ctx, droppedRoot, "record-dropped"); err != nil {
		t.Fatal(err)
	}
	before := r.blocks.Usage()
	res, err := r.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// dropped: its root and its two own tail leaves; loose: one raw block.
	if res.RemovedBlocks != 4 {
		t.Errorf("GC removed %d blocks, want 4", res.RemovedBlocks)
	}
	if after := r.blocks.Usage(); before.Blocks-after.Blocks != res.RemovedBlocks || before.Bytes-after.Bytes != res.RemovedBytes {
		t.Errorf("usage went %+v -> %+v, GC reported %+v", before, after, res)
	}
	if got := mustCat(t, r, keptRoot); !bytes.Equal(got, kept) {
		t.Error("pinned content changed after GC")
	}
	for _, gone := range []cid.Cid{droppedRoot, loose} {
		if has, _ := r.blocks.Has(ctx, gone); has {
			t.Errorf("unpinned block %s survived GC", gone)
		}
	}
	sharedLeaf := cid.NewCidV1(cid.Raw, mustHash(t, shared))
	if has, _ := r.blocks.Has(ctx, sharedLeaf); !has {
		t.Error("a leaf still needed by a pinned file was collected")
	}

	// Once the last pin goes, everything goes.
	if _, err := r.Unpin(ctx, keptRoot, "record-kept"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.GC(ctx); err != nil {
		t.Fatal(err)
	}
	if u := r.blocks.Usage(); u != (Usage{}) {
		t.Errorf("usage after collecting everything = %+v", u)
	}
}

func TestPinStaysWhileAnyReasonRemains(t *testing.T) {
	ctx := context.Background()
	r := openTestRepo(t, t.TempDir(), 0)
	data := contentBytes("two-reasons", 400_000)
	root := mustAdd(t, r, data, "record-a")
	pin, err := r.Pin(ctx, root, "record-b")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pin.Reasons, []string{"record-a", "record-b"}) {
		t.Fatalf("reasons = %v", pin.Reasons)
	}

	pin, err = r.Unpin(ctx, root, "record-a")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pin.Reasons, []string{"record-b"}) {
		t.Fatalf("remaining reasons = %v", pin.Reasons)
	}
	if _, err := r.GC(ctx); err != nil {
		t.Fatal(err)
	}
	if got := mustCat(t, r, root); !bytes.Equal(got, data) {
		t.Fatal("content pinned for record-b was collected")
	}

	if _, err := r.Unpin(ctx, root, "record-a"); !errors.Is(err, ErrNotPinned) {
		t.Errorf("unpinning a removed reason: err = %v, want ErrNotPinned", err)
	}
	if _, err := r.Unpin(ctx, root, "record-b"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.GC(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Cat(ctx, root); !ipld.IsNotFound(err) {
		t.Errorf("cat after last unpin and GC: err = %v, want not found", err)
	}
	st, err := r.Stat(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.PinnedRoots != 0 || st.Blocks != 0 {
		t.Errorf("stat after removing everything = %+v", st)
	}
}

func TestPinWithoutReasonIsDroppedOnOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	r, err := OpenRepo(ctx, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	root := mustAdd(t, r, contentBytes("orphan", 1000), "r")
	// Leave the pin without its reason, as a crash inside Unpin would.
	if err := r.reasons.Delete(ctx, root.KeyString(), "r"); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	r = openTestRepo(t, dir, 0)
	if _, pinned, err := r.pinner.IsPinned(ctx, root); err != nil || pinned {
		t.Fatalf("pin without reason after reopen: pinned=%v err=%v", pinned, err)
	}
}

func TestStorageLimitRefusesAdds(t *testing.T) {
	ctx := context.Background()
	r := openTestRepo(t, t.TempDir(), 1<<20)
	first := contentBytes("fits", 700_000)
	mustAdd(t, r, first, "r1")

	_, err := r.Add(ctx, bytes.NewReader(contentBytes("too-much", 700_000)), "r2")
	if !errors.Is(err, ErrStorageLimit) {
		t.Fatalf("add past the limit: err = %v, want ErrStorageLimit", err)
	}
	t.Logf("error: %v", err)
	if u := r.blocks.Usage(); u.Bytes > 1<<20 {
		t.Errorf("usage %d bytes is past the 1 MiB limit", u.Bytes)
	}
	// Adding what is already stored needs no room.
	mustAdd(t, r, first, "r3")
	// Collecting the partial import makes room again.
	if _, err := r.GC(ctx); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, contentBytes("small", 200_000), "r4")
}

func TestCorruptBlockFailsRead(t *testing.T) {
	ctx := context.Background()
	r := openTestRepo(t, t.TempDir(), 0)
	root := mustAdd(t, r, contentBytes("to-corrupt", 600_000), "r")
	nd, err := r.localDAG.Get(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	leaf := nd.Links()[1].Cid
	key := blockstore.BlockPrefix.Child(dshelp.MultihashToDsKey(leaf.Hash()))
	if err := r.datastore.Put(ctx, key, []byte("not the original bytes")); err != nil {
		t.Fatal(err)
	}

	if _, err := r.blocks.Get(ctx, leaf); !errors.Is(err, blockstore.ErrHashMismatch) {
		t.Errorf("get corrupted block: err = %v, want ErrHashMismatch", err)
	}
	rd, err := r.Cat(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rd)
	if err == nil {
		t.Fatal("reading a file with a corrupted block succeeded")
	}
	if n > 256<<10 {
		t.Errorf("read %d bytes, past the first chunk, before failing", n)
	}
}

func TestOfflineRepoRejectsUnknownAndBadInput(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r := openTestRepo(t, t.TempDir(), 0)
	unknown := cid.NewCidV1(cid.Raw, mustHash(t, []byte("never stored")))

	if _, err := r.Cat(ctx, unknown); !ipld.IsNotFound(err) {
		t.Errorf("cat unknown: err = %v, want not found", err)
	}
	if _, err := r.Pin(ctx, unknown, "r"); !ipld.IsNotFound(err) {
		t.Errorf("pin unknown: err = %v, want not found", err)
	}
	root := mustAdd(t, r, []byte("x"), "")
	for _, reason := range []string{"", string(make([]byte, 300)), "\xff"} {
		if _, err := r.Pin(ctx, root, reason); !errors.Is(err, ErrInvalidReason) {
			t.Errorf("pin with reason %q: err = %v, want ErrInvalidReason", reason, err)
		}
	}
	if _, err := r.Add(ctx, bytes.NewReader([]byte("y")), string(make([]byte, 300))); !errors.Is(err, ErrInvalidReason) {
		t.Errorf("add with oversized reason: err = %v", err)
	}
}

func TestSecondOpenReportsLockedRepo(t *testing.T) {
	dir := t.TempDir()
	openTestRepo(t, dir, 0)
	_, err := OpenRepo(context.Background(), dir, 0)
	if !errors.Is(err, ErrRepoLocked) {
		t.Fatalf("second open: err = %v, want ErrRepoLocked", err)
	}
}

func mustHash(t *testing.T, data []byte) []byte {
	t.Helper()
	c, err := merkledag.NewRawNode(data).Cid().Prefix().Sum(data)
	if err != nil {
		t.Fatal(err)
	}
	return c.Hash()
}
