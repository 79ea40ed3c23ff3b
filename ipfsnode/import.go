package ipfsnode

import (
	"context"
	"fmt"
	"io"

	chunk "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	"github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// importProfile is what `ipfs add --cid-version=1` uses in kubo: the
// historical profile (256 KiB chunks, 174 links per node, balanced layout)
// with CIDv1 and raw leaves. It is applied per import, never through
// boxo's process-wide globals.
var importProfile = func() uio.UnixFSProfile {
	p := uio.UnixFS_v0_2015
	p.CIDVersion = 1
	p.RawLeaves = true
	return p
}()

// Add imports data as a unixfs file and returns its root CID, the same CID
// `ipfs add --cid-version=1` gives for the same bytes. With a non-empty
// reason the content is pinned for it; with an empty reason it is left
// unpinned, and the next GC removes it.
func (r *Repo) Add(ctx context.Context, data io.Reader, reason string) (cid.Cid, error) {
	if reason != "" {
		if err := validateReason(reason); err != nil {
			return cid.Undef, err
		}
	}
	// Hold off GC until the new blocks are pinned.
	unlock := r.gcLocker.PinLock(ctx)
	defer unlock.Unlock(ctx)
	root, err := importFile(ctx, r.dag, data)
	if err != nil {
		return cid.Undef, fmt.Errorf("add: %w", err)
	}
	if reason != "" {
		if _, err := r.addReason(ctx, root, reason); err != nil {
			return cid.Undef, err
		}
	}
	return root, nil
}

// importFile chunks data and writes the balanced unixfs DAG to dag in
// batches.
func importFile(ctx context.Context, dag ipld.DAGService, data io.Reader) (cid.Cid, error) {
	batch := ipld.NewBufferedDAG(ctx, dag)
	params := helpers.DagBuilderParams{
		Dagserv:    batch,
		Maxlinks:   importProfile.FileDAGWidth,
		RawLeaves:  importProfile.RawLeaves,
		CidBuilder: importProfile.CidBuilder(),
	}
	builder, err := params.New(chunk.NewSizeSplitter(data, importProfile.ChunkSize))
	if err != nil {
		return cid.Undef, err
	}
	root, err := balanced.Layout(builder)
	if err != nil {
		return cid.Undef, err
	}
	if err := batch.Commit(); err != nil {
		return cid.Undef, err
	}
	return root.Cid(), nil
}
