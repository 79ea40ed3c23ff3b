package ipfsnode

import (
	"context"
	"errors"
	"fmt"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// fetchGraph makes sure every block of the DAG under root is stored,
// fetching missing ones through dag (r.dag: the exchange, in one bitswap
// session; r.localDAG: nowhere, so a missing block is not found at once).
// Raw leaves already present are not read, so re-pinning local content is
// cheap.
func (r *Repo) fetchGraph(ctx context.Context, dag ipld.DAGService, root cid.Cid) error {
	session := merkledag.NewSession(ctx, dag)
	getLinks := func(ctx context.Context, c cid.Cid) ([]*ipld.Link, error) {
		if c.Type() == cid.Raw {
			has, err := r.blocks.Has(ctx, c)
			if err != nil || has {
				return nil, err
			}
		}
		nd, err := session.Get(ctx, c)
		if err != nil {
			return nil, err
		}
		return nd.Links(), nil
	}
	visited := cid.NewSet()
	if err := merkledag.Walk(ctx, getLinks, root, visited.Visit, merkledag.Concurrent()); err != nil {
		return fetchError(root, err)
	}
	return nil
}

// fetchError says why content could not be had: absent offline, or not
// found in time on the connected peers.
func fetchError(root cid.Cid, err error) error {
	switch {
	case ipld.IsNotFound(err):
		return fmt.Errorf("%w: %s is not stored on this node: %w", ErrContentNotFound, root, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %s was not found on this node or its connected peers in time: %w", ErrContentNotFound, root, err)
	default:
		return fmt.Errorf("fetch %s: %w", root, err)
	}
}
