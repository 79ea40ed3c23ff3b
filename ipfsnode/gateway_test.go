package ipfsnode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/ipld/merkledag"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	dssync "github.com/ipfs/go-datastore/sync"
	"github.com/ipld/go-car/v2"
)

func TestGatewayServesVerifiableRawBlocks(t *testing.T) {
	n := startTestNode(t, testConfig(newSwarmKey(t)))
	data := contentBytes("gateway-raw", 600_000)
	root := mustAdd(t, n.Repo, data, "r")
	nd, err := n.localDAG.Get(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []cid.Cid{root, nd.Links()[0].Cid} {
		resp := gatewayGet(t, n, c.String(), "application/vnd.ipld.raw")
		if resp.status != http.StatusOK {
			t.Fatalf("raw %s: HTTP %d %s", c, resp.status, resp.body)
		}
		if ct := resp.header.Get("Content-Type"); ct != "application/vnd.ipld.raw" {
			t.Errorf("raw %s: Content-Type %q", c, ct)
		}
		sum, err := c.Prefix().Sum(resp.body)
		if err != nil {
			t.Fatal(err)
		}
		if !sum.Equals(c) {
			t.Errorf("raw block for %s hashes to %s", c, sum)
		}
	}
}

func TestGatewayServesVerifiableCAR(t *testing.T) {
	n := startTestNode(t, testConfig(newSwarmKey(t)))
	data := contentBytes("gateway-car", 1<<20+999)
	root := mustAdd(t, n.Repo, data, "r")

	resp := gatewayGet(t, n, root.String(), "application/vnd.ipld.car")
	if resp.status != http.StatusOK {
		t.Fatalf("car: HTTP %d %s", resp.status, resp.body)
	}
	reader, err := car.NewBlockReader(bytes.NewReader(resp.body), car.WithTrustedCAR(false))
	if err != nil {
		t.Fatal(err)
	}
	if len(reader.Roots) != 1 || !reader.Roots[0].Equals(root) {
		t.Fatalf("CAR roots = %v, want [%s]", reader.Roots, root)
	}
	// Rebuild the file from the CAR alone: every block is hash-checked as
	// it is read, and the unixfs reader checks the DAG is complete.
	store := blockstore.NewBlockstore(dssync.MutexWrap(ds.NewMapDatastore()))
	count := 0
	for {
		b, err := reader.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("CAR block %d: %v", count, err)
		}
		if err := store.Put(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		count++
	}
	if want := int(n.blocks.Usage().Blocks); count != want {
		t.Errorf("CAR holds %d blocks, the node stores %d", count, want)
	}
	dag := merkledag.NewDAGService(blockservice.New(store, nil))
	rootNode, err := dag.Get(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	file, err := uio.NewDagReader(context.Background(), rootNode, dag)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Error("file rebuilt from the CAR differs from what was added")
	}
}

func TestGatewayIsTrustlessAndLocalOnly(t *testing.T) {
	n := startTestNode(t, testConfig(newSwarmKey(t)))
	root := mustAdd(t, n.Repo, []byte("ciphertext"), "r")

	if resp := gatewayGet(t, n, root.String(), ""); resp.status != http.StatusNotAcceptable {
		t.Errorf("deserialized request: HTTP %d %q, want 406", resp.status, resp.body)
	}
	unknown := cid.NewCidV1(cid.Raw, mustHash(t, []byte("not here")))
	// Local only: a CID the node lacks is a prompt 404, not a swarm search.
	if resp := gatewayGet(t, n, unknown.String(), "application/vnd.ipld.raw"); resp.status != http.StatusNotFound {
		t.Errorf("unknown CID: HTTP %d, want 404", resp.status)
	}
	if resp := gatewayGet(t, n, "not-a-cid", "application/vnd.ipld.raw"); resp.status != http.StatusBadRequest {
		t.Errorf("invalid CID: HTTP %d, want 400", resp.status)
	}
}

type gatewayResponse struct {
	status int
	header http.Header
	body   []byte
}

func gatewayGet(t *testing.T, n *Node, path, accept string) gatewayResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+n.GatewayAddr()+"/ipfs/"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return gatewayResponse{status: resp.StatusCode, header: resp.Header, body: body}
}
