package companion

import (
	"context"
	"errors"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/cosmos/cosmos-sdk/client"
)

// NodeChain reads the chain through a client.Context pointing at the node
// (in msecd, the one the SDK's start command hands to PostSetup): queries
// go through its gRPC client, or ABCI queries when gRPC is off; status and
// block results through its CometBFT client.
type NodeChain struct {
	client.Context
}

// NewNodeChain checks that clientCtx can reach a node.
func NewNodeChain(clientCtx client.Context) (NodeChain, error) {
	if clientCtx.Client == nil {
		return NodeChain{}, errors.New("no CometBFT client to the node")
	}
	return NodeChain{Context: clientCtx}, nil
}

// Status asks the node for its latest committed block.
func (c NodeChain) Status(ctx context.Context) (NodeStatus, error) {
	st, err := c.Client.Status(ctx)
	if err != nil {
		return NodeStatus{}, fmt.Errorf("node status: %w", err)
	}
	// The block store runs ahead of the app by the block being executed,
	// whose results are not stored yet (asking for them makes CometBFT log
	// an error); the app's last committed block is the latest with results.
	info, err := c.Client.ABCIInfo(ctx)
	if err != nil {
		return NodeStatus{}, fmt.Errorf("node ABCI info: %w", err)
	}
	return NodeStatus{
		ChainID:    st.NodeInfo.Network,
		NodeID:     string(st.NodeInfo.ID()),
		Earliest:   st.SyncInfo.EarliestBlockHeight,
		Latest:     min(st.SyncInfo.LatestBlockHeight, info.Response.LastBlockHeight),
		LatestTime: st.SyncInfo.LatestBlockTime,
	}, nil
}

// BlockEvents returns the events of block height.
func (c NodeChain) BlockEvents(ctx context.Context, height int64) ([]abci.Event, error) {
	res, err := c.Client.BlockResults(ctx, &height)
	if err != nil {
		return nil, fmt.Errorf("results of block %d: %w (%w)", height, errNoResultsYet, err)
	}
	var events []abci.Event
	for _, tx := range res.TxsResults {
		if tx.Code == 0 {
			events = append(events, tx.Events...)
		}
	}
	return append(events, res.FinalizeBlockEvents...), nil
}
