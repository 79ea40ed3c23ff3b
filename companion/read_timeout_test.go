package companion

import (
	"bytes"
	"context"
	"testing"
	"time"

	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion/api"
)

// stallingCat is a store whose content stops coming: Cat waits for its
// context (stallRoot), or the reader returns one small read and then waits,
// as a fetch waits when no member serves the next block any more.
type stallingCat struct {
	Store
	stallRoot bool
}

func (s stallingCat) Cat(ctx context.Context, root cid.Cid) (uio.DagReader, error) {
	if s.stallRoot {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	r, err := s.Store.Cat(ctx, root)
	if err != nil {
		return nil, err
	}
	return &stallAfterFirstRead{DagReader: r, ctx: ctx}, nil
}

type stallAfterFirstRead struct {
	uio.DagReader
	ctx  context.Context
	read bool
}

func (s *stallAfterFirstRead) Read(p []byte) (int, error) {
	if s.read {
		<-s.ctx.Done()
		return 0, s.ctx.Err()
	}
	s.read = true
	return s.DagReader.Read(p[:min(len(p), 1024)])
}

// A download whose content stops coming ends after fetch_timeout without
// progress, not after transfer_timeout (half an hour by default).
func TestStalledDownloadEnds(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FetchTimeout = "300ms"; c.TransferTimeout = "1h" })
	id, _ := h.put(h.margaret, bytes.Repeat([]byte("comes in blocks\n"), 50_000))
	download := func() error {
		done := make(chan error, 1)
		go func() {
			_, _, err := h.companion(h.margaret).DownloadCiphertext(context.Background(), id, 0, 0, &bytes.Buffer{})
			done <- err
		}()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("the download still waits for content 20 s after fetch_timeout (300 ms)")
			return nil
		}
	}

	h.svc.store = stallingCat{Store: h.repo, stallRoot: true}
	err := download()
	require.True(t, ccdbclient.IsServiceError(err, api.CodeContentMissing), "%v", err)
	require.ErrorContains(t, err, "no member node served it within fetch_timeout")

	h.svc.store = stallingCat{Store: h.repo}
	require.Error(t, download(), "a transfer cut short is an error, never a short file")

	h.svc.store = h.repo
	require.NoError(t, download())
}
