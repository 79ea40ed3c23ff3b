package ipfsnode

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/ipfs/go-cid"
)

// APIClient talks to a running node's admin API.
type APIClient struct {
	endpoint APIEndpoint
	http     *http.Client
}

// NewAPIClient returns a client for the admin API at ep.
func NewAPIClient(ep APIEndpoint) *APIClient {
	// No client timeout: adds and cats stream; callers bound them with ctx.
	return &APIClient{endpoint: ep, http: &http.Client{}}
}

// DialAPI returns a client for the node running on home, or
// ErrNoRunningNode when none is.
func DialAPI(home string) (*APIClient, error) {
	ep, err := ReadAPIEndpoint(RepoDir(home))
	if err != nil {
		return nil, err
	}
	return NewAPIClient(ep), nil
}

// Add streams data to the node, which imports and (with a reason) pins it.
func (c *APIClient) Add(ctx context.Context, data io.Reader, reason string) (cid.Cid, error) {
	var res AddResult
	err := c.call(ctx, http.MethodPost, "add", url.Values{"reason": {reason}}, data, &res)
	return res.Root, err
}

// Cat streams the file under root, and gives its size.
func (c *APIClient) Cat(ctx context.Context, root cid.Cid) (io.ReadCloser, int64, error) {
	resp, err := c.do(ctx, http.MethodGet, "cat", url.Values{"cid": {root.String()}}, nil)
	if err != nil {
		return nil, 0, err
	}
	return resp.Body, resp.ContentLength, nil
}

// Pin keeps root on the node for reason, fetching it from peers if needed.
func (c *APIClient) Pin(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	var p Pin
	err := c.call(ctx, http.MethodPost, "pin", url.Values{"cid": {root.String()}, "reason": {reason}}, nil, &p)
	return p, err
}

// Unpin removes one reason for keeping root.
func (c *APIClient) Unpin(ctx context.Context, root cid.Cid, reason string) (Pin, error) {
	var p Pin
	err := c.call(ctx, http.MethodPost, "unpin", url.Values{"cid": {root.String()}, "reason": {reason}}, nil, &p)
	return p, err
}

// Pins lists the pinned roots and their reasons.
func (c *APIClient) Pins(ctx context.Context) ([]Pin, error) {
	var pins []Pin
	err := c.call(ctx, http.MethodGet, "pins", nil, nil, &pins)
	return pins, err
}

// GC runs garbage collection on the node.
func (c *APIClient) GC(ctx context.Context) (GCResult, error) {
	var res GCResult
	err := c.call(ctx, http.MethodPost, "gc", nil, nil, &res)
	return res, err
}

// Stat summarises the node's repo.
func (c *APIClient) Stat(ctx context.Context) (Stat, error) {
	var st Stat
	err := c.call(ctx, http.MethodGet, "stat", nil, nil, &st)
	return st, err
}

// Identity returns the node's peer ID and swarm addresses.
func (c *APIClient) Identity(ctx context.Context) (Identity, error) {
	var id Identity
	err := c.call(ctx, http.MethodGet, "id", nil, nil, &id)
	return id, err
}

// Peers lists configured and connected peers.
func (c *APIClient) Peers(ctx context.Context) ([]PeerStatus, error) {
	var peers []PeerStatus
	err := c.call(ctx, http.MethodGet, "peers", nil, nil, &peers)
	return peers, err
}

func (c *APIClient) call(ctx context.Context, method, op string, query url.Values, body io.Reader, out any) error {
	resp, err := c.do(ctx, method, op, query, body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("admin API %s: bad reply: %w", op, err)
	}
	return nil
}

// do sends a request and turns a failed reply into an *APIError.
func (c *APIClient) do(ctx context.Context, method, op string, query url.Values, body io.Reader) (*http.Response, error) {
	u := url.URL{Scheme: "http", Host: c.endpoint.Address, Path: "/api/v0/" + op, RawQuery: query.Encode()}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.endpoint.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("admin API %s: %w", op, err)
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	var e apiErrorBody
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || e.Error == "" {
		return nil, &APIError{Status: resp.StatusCode, Code: "internal", Message: fmt.Sprintf("admin API %s: HTTP %s", op, resp.Status)}
	}
	return nil, &APIError{Status: resp.StatusCode, Code: e.Code, Message: e.Error}
}
