package companion

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/msec-city/msec/companion/api"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// minHeightWait bounds how long a download waits for the node to reach the
// caller's min_height (its receipt's block, seen through another node).
const minHeightWait = 15 * time.Second

// release asks the chain whether caller may have record id's ciphertext and
// envelope now, after the node has reached the caller's min_height. The
// chain decides (ReleaseAuthorization); this only turns its answer into a
// refusal with the chain's reason.
func (s *Service) release(r *http.Request, caller string) (*ccdbtypes.QueryReleaseAuthorizationResponse, *apiError) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		return nil, refuse(http.StatusBadRequest, api.CodeBadRequest, "record ID %q is not a positive integer", r.PathValue("id"))
	}
	version, e := uintParam(r, api.QueryVersion)
	if e != nil {
		return nil, e
	}
	minHeight, e := uintParam(r, api.QueryMinHeight)
	if e != nil {
		return nil, e
	}
	if e := s.waitForHeight(r.Context(), int64(minHeight)); e != nil {
		return nil, e
	}
	auth, err := ccdbtypes.NewQueryClient(s.chain).ReleaseAuthorization(r.Context(),
		&ccdbtypes.QueryReleaseAuthorizationRequest{RecordId: id, Account: caller, Version: version})
	if err != nil {
		return nil, chainError("asking the chain for a release authorization", err)
	}
	if !auth.Authorized {
		return nil, refuse(http.StatusForbidden, api.CodeForbidden, "record %d is not released to %s: %s", id, caller, auth.Reason)
	}
	if version != 0 && auth.Version.Version != version {
		return nil, refuse(http.StatusForbidden, api.CodeForbidden,
			"your read receipt %d is for version %d of record %d, not version %d", auth.Receipt.Id, auth.Version.Version, id, version)
	}
	return auth, nil
}

func uintParam(r *http.Request, name string) (uint64, *apiError) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return 0, nil
	}
	v, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return 0, refuse(http.StatusBadRequest, api.CodeBadRequest, "%s %q is not a non-negative integer", name, raw)
	}
	return v, nil
}

// waitForHeight waits until the node has committed height h.
func (s *Service) waitForHeight(ctx context.Context, h int64) *apiError {
	if h <= 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, minHeightWait)
	defer cancel()
	for {
		st, err := s.chain.Status(ctx)
		if err == nil && st.Latest >= h {
			return nil
		}
		select {
		case <-ctx.Done():
			return refuse(http.StatusServiceUnavailable, api.CodeNodeBehind,
				"this node has not reached height %d within %s; retry or use another member's service", h, minHeightWait)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
