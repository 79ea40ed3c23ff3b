package companion

import (
	"context"
	"errors"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	gogogrpc "github.com/cosmos/gogoproto/grpc"

	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// Chain is what the service needs from its node: queries on the latest
// committed state, the node's status, and the events of committed blocks.
type Chain interface {
	gogogrpc.ClientConn
	Status(ctx context.Context) (NodeStatus, error)
	// BlockEvents returns a committed block's events: those of its
	// successful transactions in order, then FinalizeBlock's (EndBlock's).
	BlockEvents(ctx context.Context, height int64) ([]abci.Event, error)
}

// errNoResultsYet wraps a failure to read a block's results; for the latest
// block it usually means the node has not stored them yet.
var errNoResultsYet = errors.New("block results not available")

// NodeStatus is the node's identity and its latest committed block.
type NodeStatus struct {
	ChainID string
	// NodeID is the CometBFT node ID: the service's identity in signed
	// requests.
	NodeID string
	// Earliest is the lowest height whose block results the node keeps.
	Earliest   int64
	Latest     int64
	LatestTime time.Time
}

// Attester signs and submits the node operator's erasure attestations.
type Attester interface {
	// Address is the operator (custodian) account.
	Address() string
	// Attest submits msg and returns once it is committed.
	Attest(ctx context.Context, msg *ccdbtypes.MsgAttestErasure) error
}
