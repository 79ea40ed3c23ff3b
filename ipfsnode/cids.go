package ipfsnode

import (
	"fmt"

	"github.com/ipfs/go-cid"
)

// ParseCID parses a CID given by a user or a caller of the admin API.
func ParseCID(s string) (cid.Cid, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, fmt.Errorf("%w %q: %v", ErrInvalidCID, s, err)
	}
	return c, nil
}
