package ipfsnode

import (
	"context"
	"errors"
	"net/http"

	ipld "github.com/ipfs/go-ipld-format"
)

// apiErrorKind ties an error the admin API reports to its wire code and
// HTTP status, so that the client can hand back errors that errors.Is
// recognises as on the node.
type apiErrorKind struct {
	code   string
	status int
	target error
	match  func(error) bool
}

var apiErrorKinds = []apiErrorKind{
	{code: "storage_limit", status: http.StatusInsufficientStorage, target: ErrStorageLimit},
	{code: "not_pinned", status: http.StatusNotFound, target: ErrNotPinned},
	{code: "invalid_reason", status: http.StatusBadRequest, target: ErrInvalidReason},
	{code: "invalid_cid", status: http.StatusBadRequest, target: ErrInvalidCID},
	{code: "timeout", status: http.StatusGatewayTimeout, target: context.DeadlineExceeded},
	{code: "not_found", status: http.StatusNotFound, target: ErrContentNotFound, match: ipld.IsNotFound},
}

// apiErrorBody is the JSON body of every failed admin API call.
type apiErrorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func classifyAPIError(err error) (code string, status int) {
	for _, k := range apiErrorKinds {
		if errors.Is(err, k.target) || (k.match != nil && k.match(err)) {
			return k.code, k.status
		}
	}
	return "internal", http.StatusInternalServerError
}

// APIError is an error reported by a running node's admin API.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string { return e.Message }

// Is lets errors.Is match the sentinel behind the node's error code.
func (e *APIError) Is(target error) bool {
	for _, k := range apiErrorKinds {
		if k.code == e.Code {
			return target == k.target
		}
	}
	return false
}
