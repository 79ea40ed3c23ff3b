package ipfsnode

import "errors"

var (
	// ErrStorageLimit is returned when storing a block would take the repo
	// past its configured storage limit.
	ErrStorageLimit = errors.New("ipfs storage limit reached")
	// ErrNotPinned is returned by Unpin when the content is not pinned for
	// the given reason.
	ErrNotPinned = errors.New("not pinned for that reason")
	// ErrInvalidReason is returned for an empty or oversized pin reason.
	ErrInvalidReason = errors.New("invalid pin reason")
	// ErrRepoLocked is returned when another process (usually a running
	// msecd) has the repo open.
	ErrRepoLocked = errors.New("ipfs repo is in use by another process")
)

var (
	// ErrContentNotFound is returned for content neither this node nor
	// (when online) its peers have.
	ErrContentNotFound = errors.New("content not found")
	// ErrInvalidCID is returned for a string that is not a CID.
	ErrInvalidCID = errors.New("invalid CID")
	// ErrNoRunningNode is returned when no node runs for a home, so its
	// admin API cannot be reached.
	ErrNoRunningNode = errors.New("no running ipfs node for this home")
)
