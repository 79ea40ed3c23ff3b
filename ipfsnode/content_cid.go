package ipfsnode

import (
	"context"
	"fmt"
	"io"

	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// ContentCID returns the CID Add gives data, without storing anything: what
// a client computes to check that the CID a companion service or the chain
// names really is its ciphertext's.
func ContentCID(ctx context.Context, data io.Reader) (cid.Cid, error) {
	root, err := importFile(ctx, discardDAG{}, data)
	if err != nil {
		return cid.Undef, fmt.Errorf("computing CID: %w", err)
	}
	return root, nil
}

// discardDAG accepts nodes and keeps none: the importer only writes.
type discardDAG struct{}

func (discardDAG) Get(_ context.Context, c cid.Cid) (ipld.Node, error) {
	return nil, ipld.ErrNotFound{Cid: c}
}

func (discardDAG) GetMany(_ context.Context, cs []cid.Cid) <-chan *ipld.NodeOption {
	out := make(chan *ipld.NodeOption, len(cs))
	for _, c := range cs {
		out <- &ipld.NodeOption{Err: ipld.ErrNotFound{Cid: c}}
	}
	close(out)
	return out
}

func (discardDAG) Add(context.Context, ipld.Node) error        { return nil }
func (discardDAG) AddMany(context.Context, []ipld.Node) error  { return nil }
func (discardDAG) Remove(context.Context, cid.Cid) error       { return nil }
func (discardDAG) RemoveMany(context.Context, []cid.Cid) error { return nil }
