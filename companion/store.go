package companion

import (
	"context"
	"io"

	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/msec-city/msec/ipfsnode"
)

// Store is the IPFS storage the service uses: *ipfsnode.Node in msecd
// (which fetches missing blocks from the other members), *ipfsnode.Repo
// offline in tests.
type Store interface {
	Add(ctx context.Context, data io.Reader, reason string) (cid.Cid, error)
	Cat(ctx context.Context, root cid.Cid) (uio.DagReader, error)
	Pin(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error)
	// PinLocal pins content only if it is stored here already.
	PinLocal(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error)
	// Fetch stores content from the members without pinning it.
	Fetch(ctx context.Context, root cid.Cid) error
	Unpin(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error)
	Pins(ctx context.Context) ([]ipfsnode.Pin, error)
	GC(ctx context.Context) (ipfsnode.GCResult, error)
}

// EnvelopeCID is where an envelope with the given commitment (its SHA-256)
// is stored: a raw block, CIDv1, sha2-256. An envelope is smaller than one
// unixfs chunk, so adding its bytes yields exactly this CID, and every
// custodian derives it from the commitment on chain.
func EnvelopeCID(commitment []byte) (cid.Cid, error) {
	mh, err := multihash.Encode(commitment, multihash.SHA2_256)
	if err != nil {
		return cid.Undef, err
	}
	return cid.NewCidV1(cid.Raw, mh), nil
}
