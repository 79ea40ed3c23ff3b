package companion

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// Handler is the HTTP API (docs/ccdb.md, "Companion HTTP API").
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+api.PathInfo, s.info)
	mux.Handle("POST "+api.PathCiphertext, s.signed(s.registered(s.transfer(s.uploadCiphertext))))
	mux.Handle("POST "+api.PathEnvelopes, s.signed(s.registered(s.uploadEnvelope)))
	mux.Handle("GET "+api.PathRecordCiphertext, s.signed(s.transfer(s.downloadCiphertext)))
	mux.Handle("GET "+api.PathRecordEnvelope, s.signed(s.downloadEnvelope))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, "", refuse(http.StatusNotFound, api.CodeNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
	return mux
}

func (s *Service) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, api.Info{
		ChainID: s.chainID, ServiceID: s.serviceID,
		MaxUploadBytes: s.settings.MaxUploadBytes, MaxEnvelopeBytes: s.settings.MaxRequestBytes,
		UploadTTLSeconds: int64(s.settings.UploadTTL / time.Second), ClockSkewSeconds: int64(s.settings.ClockSkew / time.Second),
		Time: s.now().UTC(),
	})
}

// signedHandler serves an authenticated request; a non-nil error is sent
// to the caller (and logged).
type signedHandler func(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError

// signed authenticates the request before h runs.
func (s *Service) signed(h signedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		caller, err := s.verifier.Verify(r.Context(), r)
		if err != nil {
			s.writeError(w, r, r.Header.Get(requestauth.HeaderAddress)+" (unverified)", authError(err))
			return
		}
		if e := h(w, r, caller); e != nil {
			s.writeError(w, r, caller.Address, e)
		}
	})
}

// registered admits only callers with an encryption key on chain: storage
// is for the chain's data owners, not for anyone who can sign a request.
func (s *Service) registered(h signedHandler) signedHandler {
	return func(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
		_, err := ccdbtypes.NewQueryClient(s.chain).EncryptionKey(r.Context(), &ccdbtypes.QueryEncryptionKeyRequest{Owner: caller.Address})
		if status.Code(err) == codes.NotFound {
			return refuse(http.StatusForbidden, api.CodeForbidden,
				"%s has no encryption key on chain; register one first (msecd ccdb keys init)", caller.Address)
		}
		if err != nil {
			return chainError("checking the caller's encryption key", err)
		}
		return h(w, r, caller)
	}
}

// transfer bounds the transfers in flight and the time each may take.
func (s *Service) transfer(h signedHandler) signedHandler {
	return func(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
		select {
		case s.transfers <- struct{}{}:
			defer func() { <-s.transfers }()
		default:
			return refuse(http.StatusServiceUnavailable, api.CodeBusy,
				"%d transfers are in progress, the most this service runs at once; retry shortly", cap(s.transfers))
		}
		deadline := time.Now().Add(s.settings.TransferTimeout)
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(deadline)
		_ = rc.SetWriteDeadline(deadline)
		ctx, cancel := context.WithDeadline(r.Context(), deadline)
		defer cancel()
		return h(w, r.WithContext(ctx), caller)
	}
}

// requestGC asks the sweeper for a garbage collection soon (after a refused
// upload left unpinned blocks).
func (s *Service) requestGC() {
	select {
	case s.gcWanted <- struct{}{}:
	default:
	}
}
