package ipfsnode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
)

func TestAdminAPIAgainstRunningNode(t *testing.T) {
	ctx := timeout(t, 60*time.Second)
	home := t.TempDir()
	n := startTestNodeAt(t, home, testConfig(newSwarmKey(t)))
	client, err := DialAPI(home)
	if err != nil {
		t.Fatal(err)
	}

	data := contentBytes("api-add", 900_000)
	root, err := client.Add(ctx, bytes.NewReader(data), "record-7")
	if err != nil {
		t.Fatal(err)
	}
	if want := mustAdd(t, n.Repo, data, ""); !root.Equals(want) {
		t.Fatalf("API add gave %s, direct add %s", root, want)
	}

	body, size, err := client.Cat(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(body)
	body.Close()
	if err != nil || !bytes.Equal(got, data) || size != int64(len(data)) {
		t.Fatalf("cat: %d bytes (size %d), err %v", len(got), size, err)
	}

	pin, err := client.Pin(ctx, root, "record-8")
	if err != nil || !slices.Equal(pin.Reasons, []string{"record-7", "record-8"}) {
		t.Fatalf("pin: %+v %v", pin, err)
	}
	pin, err = client.Unpin(ctx, root, "record-7")
	if err != nil || !slices.Equal(pin.Reasons, []string{"record-8"}) {
		t.Fatalf("unpin: %+v %v", pin, err)
	}
	pins, err := client.Pins(ctx)
	if err != nil || len(pins) != 1 || !pins[0].Root.Equals(root) {
		t.Fatalf("pins: %+v %v", pins, err)
	}
	loose, err := client.Add(ctx, bytes.NewReader([]byte("unpinned")), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.GC(ctx)
	if err != nil || res.RemovedBlocks != 1 {
		t.Fatalf("gc: %+v %v (want the one unpinned block removed)", res, err)
	}
	if has, _ := n.blocks.Has(ctx, loose); has {
		t.Error("gc through the API left the unpinned block")
	}
	st, err := client.Stat(ctx)
	if err != nil || st.Usage != n.blocks.Usage() || st.PinnedRoots != 1 {
		t.Fatalf("stat: %+v %v", st, err)
	}
	id, err := client.Identity(ctx)
	if err != nil || id.ID != n.host.ID() || len(id.Addresses) == 0 {
		t.Fatalf("id: %+v %v", id, err)
	}
	if _, err := client.Peers(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestAdminAPIErrors(t *testing.T) {
	ctx := timeout(t, 30*time.Second)
	home := t.TempDir()
	cfg := testConfig(newSwarmKey(t))
	cfg.StorageLimit = "1MiB"
	startTestNodeAt(t, home, cfg)
	client, err := DialAPI(home)
	if err != nil {
		t.Fatal(err)
	}

	_, err = client.Add(ctx, bytes.NewReader(contentBytes("too-big", 2<<20)), "r")
	if !errors.Is(err, ErrStorageLimit) {
		t.Errorf("add past the limit: err = %v, want ErrStorageLimit", err)
	}
	root, err := client.Add(ctx, bytes.NewReader([]byte("small")), "r")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Unpin(ctx, root, "other"); !errors.Is(err, ErrNotPinned) {
		t.Errorf("unpin unknown reason: err = %v", err)
	}
	if _, err := client.Pin(ctx, root, ""); !errors.Is(err, ErrInvalidReason) {
		t.Errorf("pin without reason: err = %v", err)
	}
	unknown := cid.NewCidV1(cid.Raw, mustHash(t, []byte("nowhere")))
	short, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if _, _, err := client.Cat(short, unknown); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cat unknown: err = %v, want deadline exceeded", err)
	}

	// A CID that does not parse is refused by the node, not only by the CLI.
	ep, _ := ReadAPIEndpoint(RepoDir(home))
	resp := apiGet(t, ep, "/api/v0/cat?cid=not-a-cid", ep.Token)
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("invalid CID: HTTP %d", resp.StatusCode)
	}
	if resp := apiGet(t, ep, "/api/v0/stat", "wrong-token"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: HTTP %d", resp.StatusCode)
	}
	bad := NewAPIClient(APIEndpoint{Address: ep.Address, Token: "wrong"})
	if _, err := bad.Stat(ctx); err == nil {
		t.Error("client with a wrong token got a stat")
	}
}

func apiGet(t *testing.T, ep APIEndpoint, path, token string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+ep.Address+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
