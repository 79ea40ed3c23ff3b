package ipfsnode

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/ipfs/go-cid"
)

func openTestRepo(t *testing.T, dir string, limit uint64) *Repo {
	t.Helper()
	r, err := OpenRepo(context.Background(), dir, limit)
	if err != nil {
		t.Fatalf("open repo: %v", err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

func mustAdd(t *testing.T, r *Repo, data []byte, reason string) cid.Cid {
	t.Helper()
	c, err := r.Add(context.Background(), bytes.NewReader(data), reason)
	if err != nil {
		t.Fatalf("add: %v", err)
	}
	return c
}

func mustCat(t *testing.T, r *Repo, c cid.Cid) []byte {
	t.Helper()
	rd, err := r.Cat(context.Background(), c)
	if err != nil {
		t.Fatalf("cat %s: %v", c, err)
	}
	defer rd.Close()
	got, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("read %s: %v", c, err)
	}
	return got
}
