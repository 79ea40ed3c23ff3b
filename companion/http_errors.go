package companion

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/ipfsnode"
)

// apiError is a refusal: the HTTP status, the API error code, the message
// the caller sees, and the cause for the log.
type apiError struct {
	status int
	code   string
	msg    string
	cause  error
}

func (e *apiError) Error() string { return e.msg }

func refuse(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// authError turns a verification failure into a 401 (or 503/502 when the
// service, not the caller, is at fault).
func authError(err error) *apiError {
	switch {
	case errors.Is(err, requestauth.ErrTooManyNonces):
		return &apiError{status: http.StatusServiceUnavailable, code: api.CodeBusy, msg: err.Error()}
	case errors.Is(err, requestauth.ErrMissing), errors.Is(err, requestauth.ErrMalformed),
		errors.Is(err, requestauth.ErrWrongChain), errors.Is(err, requestauth.ErrWrongService),
		errors.Is(err, requestauth.ErrExpired), errors.Is(err, requestauth.ErrFuture),
		errors.Is(err, requestauth.ErrKeyAddressMismatch), errors.Is(err, requestauth.ErrBadSignature),
		errors.Is(err, requestauth.ErrReplay), errors.Is(err, requestauth.ErrAccountKeyMismatch),
		errors.Is(err, requestauth.ErrBodyMismatch):
		code := api.CodeUnauthenticated
		if errors.Is(err, requestauth.ErrBodyMismatch) {
			code = api.CodeBodyMismatch
		}
		return &apiError{status: http.StatusUnauthorized, code: code, msg: err.Error()}
	default:
		return chainError("checking the caller's account", err)
	}
}

// chainError reports a failed query: a not-found record or version is the
// caller's problem (404), a bad argument too (400); anything else is the
// node's (502).
func chainError(what string, err error) *apiError {
	switch status.Code(err) {
	case codes.NotFound:
		return &apiError{status: http.StatusNotFound, code: api.CodeNotFound, msg: status.Convert(err).Message(), cause: err}
	case codes.InvalidArgument:
		return &apiError{status: http.StatusBadRequest, code: api.CodeBadRequest, msg: status.Convert(err).Message(), cause: err}
	}
	return &apiError{status: http.StatusBadGateway, code: api.CodeChainUnavailable,
		msg: what + ": the node could not answer", cause: err}
}

// storeError reports a failed read from the IPFS store.
func storeError(what string, err error) *apiError {
	if errors.Is(err, errStalled) {
		return &apiError{status: http.StatusNotFound, code: api.CodeContentMissing,
			msg: what + " is not stored on this node, and no member node served it within fetch_timeout", cause: err}
	}
	if errors.Is(err, ipfsnode.ErrContentNotFound) || errors.Is(err, context.DeadlineExceeded) {
		return &apiError{status: http.StatusNotFound, code: api.CodeContentMissing,
			msg: what + " is not stored on this node or any member node it reaches", cause: err}
	}
	return &apiError{status: http.StatusInternalServerError, code: api.CodeInternal, msg: what + ": storage error", cause: err}
}

// writeError sends e as JSON and logs it with the caller and route.
func (s *Service) writeError(w http.ResponseWriter, r *http.Request, caller string, e *apiError) {
	args := []any{"method", r.Method, "path", r.URL.Path, "account", caller, "status", e.status, "code", e.code, "reason", e.msg}
	if e.cause != nil {
		args = append(args, "cause", e.cause)
	}
	if e.status >= 500 {
		s.logger.Error("companion request failed", args...)
	} else {
		s.logger.Info("companion request refused", args...)
	}
	if e.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "2")
	}
	writeJSON(w, e.status, api.Error{Error: e.msg, Code: e.code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
