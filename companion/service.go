package companion

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"cosmossdk.io/log/v2"

	"github.com/msec-city/msec/companion/requestauth"
)

// maxNonces bounds the replay cache: at most this many signed requests per
// clock-skew window are accepted.
const maxNonces = 200_000

// Deps are what the service runs on.
type Deps struct {
	Chain Chain
	Store Store
	// Attester is nil when no operator key is configured: erasures are then
	// carried out but not attested.
	Attester Attester
	// StateDir holds the custodian's state database (custodian.db).
	StateDir string
	Logger   log.Logger
}

// Service is the companion service: HTTP handlers, custodian and upload
// sweeper over one store and one node.
type Service struct {
	settings  Settings
	chain     Chain
	store     Store
	attester  Attester
	logger    log.Logger
	chainID   string
	serviceID string
	verifier  *requestauth.Verifier
	accounts  *accountKeys
	transfers chan struct{}
	gcWanted  chan struct{}
	state     *stateStore
	// syncMu serializes custodian passes (the loop, and tests calling Sync).
	syncMu sync.Mutex
	// unpinned says the custodian unpinned something not yet collected.
	unpinned bool
	// warnedNoAttester keeps the missing-operator-key warning to one line.
	warnedNoAttester bool
	// prefetching are the CIDs fetched in the background (custodian_pins.go).
	prefetchMu  sync.Mutex
	prefetching map[string]struct{}
	prefetched  map[string]struct{}
	prefetches  sync.WaitGroup
	now         func() time.Time
}

// New builds the service; it asks the node for the chain ID and its node ID
// (the service's identity in signed requests).
func New(ctx context.Context, s Settings, d Deps) (*Service, error) {
	st, err := d.Chain.Status(ctx)
	if err != nil {
		return nil, err
	}
	state, err := openStateStore(d.StateDir)
	if err != nil {
		return nil, err
	}
	svc := &Service{
		settings: s, chain: d.Chain, store: d.Store, attester: d.Attester, logger: d.Logger,
		chainID: st.ChainID, serviceID: st.NodeID,
		accounts:    newAccountKeys(d.Chain),
		transfers:   make(chan struct{}, s.MaxConcurrentTransfers),
		gcWanted:    make(chan struct{}, 1),
		state:       state,
		prefetching: map[string]struct{}{},
		prefetched:  map[string]struct{}{},
		now:         time.Now,
	}
	svc.verifier = requestauth.NewVerifier(st.ChainID, st.NodeID, s.ClockSkew, maxNonces, svc.accounts)
	return svc, nil
}

// ServiceID is the identity clients sign requests for.
func (s *Service) ServiceID() string { return s.serviceID }

// Running is a started service.
type Running struct {
	*Service
	server *http.Server
	addr   net.Addr
	cancel context.CancelFunc
	done   sync.WaitGroup
}

// Start listens on the configured address and runs the custodian and the
// upload sweeper until ctx ends or Close is called.
func (s *Service) Start(ctx context.Context) (*Running, error) {
	ln, err := net.Listen("tcp", s.settings.ListenAddress)
	if err != nil {
		return nil, fmt.Errorf("companion.listen_address: %w", err)
	}
	if s.settings.ServesTLS {
		cert, err := tls.LoadX509KeyPair(s.settings.TLSCertFile, s.settings.TLSKeyFile)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("companion.tls_cert_file/tls_key_file: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	if s.settings.ListensOnNetwork && !s.settings.ServesTLS {
		s.logger.Warn("companion service listens beyond loopback without TLS: put a TLS reverse proxy in front",
			"address", s.settings.ListenAddress)
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &Running{Service: s, addr: ln.Addr(), cancel: cancel, server: &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}}
	r.done.Add(3)
	go func() {
		defer r.done.Done()
		if err := r.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("companion HTTP server stopped", "err", err)
		}
	}()
	go func() { defer r.done.Done(); s.runCustodian(ctx) }()
	go func() { defer r.done.Done(); s.runSweeper(ctx) }()
	s.logger.Info("companion service started", "address", r.addr.String(), "service_id", s.serviceID,
		"tls", s.settings.ServesTLS, "attests_as", s.attesterAddress())
	return r, nil
}

// Addr is where the service listens.
func (r *Running) Addr() net.Addr { return r.addr }

// Close stops serving, lets transfers in flight end (up to 10 s) and waits
// for the custodian to finish its current step.
func (r *Running) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := r.server.Shutdown(ctx)
	r.cancel()
	r.done.Wait()
	r.prefetches.Wait()
	return errors.Join(err, r.Service.Close())
}

// Close closes the custodian's state; the service must not be running.
func (s *Service) Close() error { return s.state.close() }

func (s *Service) attesterAddress() string {
	if s.attester == nil {
		return "(none: erasures are not attested)"
	}
	return s.attester.Address()
}
