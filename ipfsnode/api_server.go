package ipfsnode

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/ipfs/go-cid"
)

// AddResult is the admin API's reply to an add.
type AddResult struct {
	Root  cid.Cid `json:"root"`
	Bytes int64   `json:"bytes"`
}

// apiServer serves the local admin API that `msecd ipfs` uses while the
// node holds the repo. Every call needs the bearer token from the endpoint
// file, so only the home's owner can use it.
type apiServer struct {
	node  *Node
	token string
}

func newAPIHandler(n *Node, token string) http.Handler {
	s := &apiServer{node: n, token: token}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v0/add", s.add)
	mux.HandleFunc("GET /api/v0/cat", s.cat)
	mux.HandleFunc("POST /api/v0/pin", s.pin)
	mux.HandleFunc("POST /api/v0/unpin", s.unpin)
	mux.HandleFunc("GET /api/v0/pins", s.pins)
	mux.HandleFunc("POST /api/v0/gc", s.gc)
	mux.HandleFunc("GET /api/v0/stat", s.stat)
	mux.HandleFunc("GET /api/v0/id", s.id)
	mux.HandleFunc("GET /api/v0/peers", s.peers)
	return s.requireToken(mux)
}

func (s *apiServer) requireToken(next http.Handler) http.Handler {
	want := []byte("Bearer " + s.token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			writeJSON(w, http.StatusUnauthorized, apiErrorBody{Error: "missing or wrong admin API token", Code: "unauthorized"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *apiServer) add(w http.ResponseWriter, r *http.Request) {
	body := &countingReader{r: r.Body}
	root, err := s.node.Add(r.Context(), body, r.URL.Query().Get("reason"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, AddResult{Root: root, Bytes: body.n})
}

func (s *apiServer) cat(w http.ResponseWriter, r *http.Request) {
	root, err := ParseCID(r.URL.Query().Get("cid"))
	if err != nil {
		writeError(w, err)
		return
	}
	reader, err := s.node.Cat(r.Context(), root)
	if err != nil {
		writeError(w, err)
		return
	}
	defer reader.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	// A read that fails midway ends the response short of this length,
	// which the client reports as truncated.
	w.Header().Set("Content-Length", strconv.FormatUint(reader.Size(), 10))
	if _, err := io.Copy(w, reader); err != nil {
		s.node.logger.Error("admin API cat failed midway", "cid", root, "err", err)
	}
}

func (s *apiServer) pin(w http.ResponseWriter, r *http.Request) {
	root, err := ParseCID(r.URL.Query().Get("cid"))
	if err != nil {
		writeError(w, err)
		return
	}
	pin, err := s.node.Pin(r.Context(), root, r.URL.Query().Get("reason"))
	writeResult(w, pin, err)
}

func (s *apiServer) unpin(w http.ResponseWriter, r *http.Request) {
	root, err := ParseCID(r.URL.Query().Get("cid"))
	if err != nil {
		writeError(w, err)
		return
	}
	pin, err := s.node.Unpin(r.Context(), root, r.URL.Query().Get("reason"))
	writeResult(w, pin, err)
}

func (s *apiServer) pins(w http.ResponseWriter, r *http.Request) {
	pins, err := s.node.Pins(r.Context())
	writeResult(w, pins, err)
}

func (s *apiServer) gc(w http.ResponseWriter, r *http.Request) {
	res, err := s.node.GC(r.Context())
	writeResult(w, res, err)
}

func (s *apiServer) stat(w http.ResponseWriter, r *http.Request) {
	st, err := s.node.Stat(r.Context())
	writeResult(w, st, err)
}

func (s *apiServer) id(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.node.Identity())
}

func (s *apiServer) peers(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.node.Peers())
}

// writeResult writes v as JSON, or err as an API error.
func writeResult(w http.ResponseWriter, v any, err error) {
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func writeError(w http.ResponseWriter, err error) {
	code, status := classifyAPIError(err)
	writeJSON(w, status, apiErrorBody{Error: err.Error(), Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
