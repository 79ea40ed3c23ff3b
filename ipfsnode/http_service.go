package ipfsnode

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"cosmossdk.io/log/v2"
)

// httpService is an HTTP server on its own listener, so that port 0 works
// and the bound address is known.
type httpService struct {
	listener net.Listener
	server   *http.Server
	done     chan struct{}
}

func serveHTTP(name, addr string, handler http.Handler, logger log.Logger) (*httpService, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: listen on %s: %w", name, addr, err)
	}
	s := &httpService{
		listener: l,
		// No read or write timeout: adds and cats stream large files.
		server: &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second},
		done:   make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.server.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("http service stopped", "service", name, "err", err)
		}
	}()
	return s, nil
}

// Addr is the address the service listens on.
func (s *httpService) Addr() string { return s.listener.Addr().String() }

// Close stops accepting requests and waits a little for running ones.
func (s *httpService) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.server.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.server.Close()
	}
	<-s.done
	return err
}
