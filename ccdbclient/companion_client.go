package ccdbclient

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
)

// Companion talks to one companion service, signing every request with the
// caller's account key.
type Companion struct {
	base   *url.URL
	http   *http.Client
	signer requestauth.Signer
	// now is the clock requests are stamped with.
	now func() time.Time

	mu   sync.Mutex
	info *api.Info
}

// NewCompanion returns a client of the service at baseURL (for example
// http://127.0.0.1:8282) signing as signer.
func NewCompanion(baseURL string, signer requestauth.Signer) (*Companion, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: companion URL %q: want http(s)://host:port", ErrBadInput, baseURL)
	}
	return &Companion{base: u, http: newHTTPClient(responseTimeout), signer: signer, now: time.Now}, nil
}

// responseTimeout bounds the wait for a service's answer once a request is
// sent. The service bounds its own work before it answers (fetching from
// other members, waiting for its node), so a longer silence means it is
// stuck, and the caller gets an error instead of waiting forever. Bodies
// may take longer: a large download streams for as long as it needs.
const responseTimeout = 5 * time.Minute

func newHTTPClient(responseTimeout time.Duration) *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.ResponseHeaderTimeout = responseTimeout
	return &http.Client{Transport: transport}
}

// Info asks the service for its chain, identity and limits (once).
func (c *Companion) Info(ctx context.Context) (api.Info, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.info != nil {
		return *c.info, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.String()+api.PathInfo, nil)
	if err != nil {
		return api.Info{}, err
	}
	var info api.Info
	if err := c.roundTrip(req, &info); err != nil {
		return api.Info{}, err
	}
	c.info = &info
	return info, nil
}

// UploadCiphertext streams size bytes of ciphertext whose SHA-256 is sum.
func (c *Companion) UploadCiphertext(ctx context.Context, body io.Reader, size int64, sum [32]byte) (api.CiphertextUploaded, error) {
	var out api.CiphertextUploaded
	req, err := c.signedRequest(ctx, http.MethodPost, api.PathCiphertext, nil, body, sum)
	if err != nil {
		return out, err
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	return out, c.roundTrip(req, &out)
}

// UploadEnvelope stores one key envelope.
func (c *Companion) UploadEnvelope(ctx context.Context, env []byte) (api.EnvelopeUploaded, error) {
	var out api.EnvelopeUploaded
	req, err := c.signedRequest(ctx, http.MethodPost, api.PathEnvelopes, nil, bytes.NewReader(env), sha256.Sum256(env))
	if err != nil {
		return out, err
	}
	req.ContentLength = int64(len(env))
	return out, c.roundTrip(req, &out)
}

// Release is what a download response says the chain released.
type Release struct {
	Version   uint64
	ReceiptID uint64
	// CID, SHA256: the ciphertext download's; Commitment: the envelope's.
	CID        string
	SHA256     []byte
	Commitment []byte
}

// DownloadEnvelope fetches the caller's envelope of a record: version 0 is
// the current one (owner) or the one of the caller's latest receipt
// (reader); minHeight is the height the service must have reached.
func (c *Companion) DownloadEnvelope(ctx context.Context, recordID, version uint64, minHeight int64) ([]byte, Release, error) {
	resp, rel, err := c.download(ctx, api.PathRecordEnvelope, recordID, version, minHeight)
	if err != nil {
		return nil, rel, err
	}
	defer resp.Body.Close()
	env, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return env, rel, err
}

// DownloadCiphertext streams a record's ciphertext into w.
func (c *Companion) DownloadCiphertext(ctx context.Context, recordID, version uint64, minHeight int64, w io.Writer) (int64, Release, error) {
	resp, rel, err := c.download(ctx, api.PathRecordCiphertext, recordID, version, minHeight)
	if err != nil {
		return 0, rel, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(w, resp.Body)
	if err == nil && resp.ContentLength >= 0 && n != resp.ContentLength {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return n, rel, fmt.Errorf("ciphertext of record %d interrupted after %d bytes: %w", recordID, n, err)
	}
	return n, rel, nil
}

func (c *Companion) download(ctx context.Context, path string, recordID, version uint64, minHeight int64) (*http.Response, Release, error) {
	q := url.Values{}
	if version != 0 {
		q.Set(api.QueryVersion, strconv.FormatUint(version, 10))
	}
	if minHeight > 0 {
		q.Set(api.QueryMinHeight, strconv.FormatInt(minHeight, 10))
	}
	path = strings.Replace(path, "{id}", strconv.FormatUint(recordID, 10), 1)
	req, err := c.signedRequest(ctx, http.MethodGet, path, q, nil, sha256.Sum256(nil))
	if err != nil {
		return nil, Release{}, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, Release{}, fmt.Errorf("companion service %s: %w", c.base.Host, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, Release{}, decodeError(resp)
	}
	h := resp.Header
	rel := Release{CID: h.Get(api.HeaderCID)}
	rel.Version, _ = strconv.ParseUint(h.Get(api.HeaderRecordVersion), 10, 64)
	rel.ReceiptID, _ = strconv.ParseUint(h.Get(api.HeaderReceiptID), 10, 64)
	rel.SHA256, _ = hex.DecodeString(h.Get(api.HeaderCiphertextSHA256))
	rel.Commitment, _ = hex.DecodeString(h.Get(api.HeaderEnvelopeCommitment))
	return resp, rel, nil
}

// signedRequest builds a request signed for this service.
func (c *Companion) signedRequest(ctx context.Context, method, path string, query url.Values, body io.Reader, sum [32]byte) (*http.Request, error) {
	info, err := c.Info(ctx)
	if err != nil {
		return nil, err
	}
	u := *c.base
	u.Path += path
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if err := requestauth.Sign(req, sum, c.signer, info.ChainID, info.ServiceID, c.now()); err != nil {
		return nil, err
	}
	return req, nil
}

func (c *Companion) roundTrip(req *http.Request, out any) error {
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("companion service %s: %w", c.base.Host, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return decodeError(resp)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("companion service %s: bad reply: %w", c.base.Host, err)
	}
	return nil
}

// ServiceError is a refusal by the companion service.
type ServiceError struct {
	Status  int
	Code    string
	Message string
}

func (e *ServiceError) Error() string {
	return fmt.Sprintf("companion service refused (%d %s): %s", e.Status, e.Code, e.Message)
}

// IsServiceError reports whether err is a refusal with the given API code
// (api.Code*).
func IsServiceError(err error, code string) bool {
	var se *ServiceError
	return errors.As(err, &se) && se.Code == code
}

func decodeError(resp *http.Response) error {
	var e api.Error
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if json.Unmarshal(body, &e) != nil || e.Code == "" {
		e = api.Error{Code: "http", Error: strings.TrimSpace(string(body))}
	}
	return &ServiceError{Status: resp.StatusCode, Code: e.Code, Message: e.Error}
}
