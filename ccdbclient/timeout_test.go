package ccdbclient_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
)

// A service that accepts a request and never answers costs the caller an
// error, not a hung command.
func TestSilentServiceTimesOut(t *testing.T) {
	release := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(silent.Close)
	t.Cleanup(func() { close(release) })

	comp, err := ccdbclient.NewCompanion(silent.URL, nil)
	require.NoError(t, err)
	ccdbclient.SetResponseTimeout(comp, 200*time.Millisecond)
	_, err = comp.Info(context.Background())
	require.ErrorContains(t, err, "timeout awaiting response headers")
	require.ErrorContains(t, err, "companion service")
}
