package ipfsnode

import (
	"context"
	"fmt"

	"github.com/ipfs/boxo/ipld/merkledag"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
)

// Cat opens the unixfs file under root for reading. Every block is checked
// against its CID as it is read (stored blocks by the validating
// blockstore, fetched ones by bitswap), so corruption fails the read
// instead of yielding wrong bytes. ctx bounds the whole read.
func (r *Repo) Cat(ctx context.Context, root cid.Cid) (uio.DagReader, error) {
	session := merkledag.NewSession(ctx, r.dag)
	nd, err := session.Get(ctx, root)
	if err != nil {
		return nil, fetchError(root, err)
	}
	reader, err := uio.NewDagReader(ctx, nd, session)
	if err != nil {
		return nil, fmt.Errorf("cat %s: not a unixfs file: %w", root, err)
	}
	return reader, nil
}
