package ccdbclient_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
)

// tamperingProxy forwards to the companion service and flips one byte of
// the responses whose path ends in suffix.
func tamperingProxy(t *testing.T, target, suffix string) string {
	u, err := url.Parse(target)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if !strings.HasSuffix(resp.Request.URL.Path, suffix) || resp.StatusCode != http.StatusOK {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		body[len(body)/2] ^= 0x01
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return nil
	}
	server := httptest.NewServer(proxy)
	t.Cleanup(server.Close)
	return server.URL
}

// A companion service (or anyone between) that alters the envelope or the
// ciphertext is caught by the client's checks against the chain, and no
// plaintext comes out.
func TestClientCatchesAlteredDownloads(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	put, err := w.clients["margaret"].Put(ctx, strings.NewReader("private"), ccdbclient.PutOptions{})
	require.NoError(t, err)
	for _, suffix := range []string{"/envelope", "/ciphertext"} {
		c := *w.clients["margaret"]
		comp, err := ccdbclient.NewCompanion(tamperingProxy(t, w.url, suffix), w.signer("margaret"))
		require.NoError(t, err)
		c.Companion = comp
		var out bytes.Buffer
		_, err = c.Get(ctx, put.RecordID, ccdbclient.GetOptions{}, &out)
		require.ErrorIs(t, err, ccdbclient.ErrIntegrity, suffix)
		require.Zero(t, out.Len(), suffix)
	}
}
