package requestauth

import (
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// scheme is the first line of every canonical string; a new scheme gets a
// new line, so a signature can never be valid under two schemes.
const scheme = "MSEC-COMPANION-REQUEST-V1"

// nonceHexLen is the length of a nonce: 16 random bytes in hex.
const nonceHexLen = 32

// Request is everything a signature covers.
type Request struct {
	ChainID    string
	ServiceID  string
	Method     string
	Path       string
	RawQuery   string
	BodySHA256 [32]byte
	Timestamp  time.Time
	Nonce      string
}

// Canonical returns the bytes that are signed. Fields are validated first,
// so no field can smuggle a line break into the next one.
func (r Request) Canonical() ([]byte, error) {
	for name, v := range map[string]string{"chain ID": r.ChainID, "service ID": r.ServiceID, "method": r.Method, "path": r.Path} {
		if v == "" || strings.ContainsFunc(v, isControl) {
			return nil, fmt.Errorf("%w: %s is empty or has control characters", ErrMalformed, name)
		}
	}
	if !validNonce(r.Nonce) {
		return nil, fmt.Errorf("%w: nonce must be %d hex digits", ErrMalformed, nonceHexLen)
	}
	query, err := canonicalQuery(r.RawQuery)
	if err != nil {
		return nil, err
	}
	lines := []string{
		scheme,
		"chain:" + r.ChainID,
		"service:" + r.ServiceID,
		"method:" + strings.ToUpper(r.Method),
		"path:" + r.Path,
		"query:" + query,
		"body-sha256:" + hex.EncodeToString(r.BodySHA256[:]),
		"timestamp:" + strconv.FormatInt(r.Timestamp.Unix(), 10),
		"nonce:" + r.Nonce,
	}
	return []byte(strings.Join(lines, "\n")), nil
}

// canonicalQuery sorts the query by key (values keep their order), so a
// proxy reordering parameters does not break the signature, while adding,
// removing or changing one does.
func canonicalQuery(raw string) (string, error) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		return "", fmt.Errorf("%w: query: %v", ErrMalformed, err)
	}
	return values.Encode(), nil
}

func validNonce(n string) bool {
	if len(n) != nonceHexLen {
		return false
	}
	_, err := hex.DecodeString(n)
	return err == nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
