package apptest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/p2p"
	rpcclient "github.com/cometbft/cometbft/rpc/client"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/cosmos/cosmos-sdk/client"
)

// NodeID is the CometBFT node ID the in-process node reports.
const NodeID = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"

// committedTx is where a committed transaction is.
type committedTx struct {
	height int64
	index  int
	tx     []byte
}

// record remembers a finalized block for CometClient's BlockResults and Tx.
func (c *Chain) record(txs [][]byte, res *abci.ResponseFinalizeBlock) {
	if c.results == nil {
		c.results, c.committed = map[int64]*abci.ResponseFinalizeBlock{}, map[string]committedTx{}
	}
	c.results[c.Height] = res
	for i, tx := range txs {
		h := sha256.Sum256(tx)
		c.committed[hex.EncodeToString(h[:])] = committedTx{height: c.Height, index: i, tx: tx}
	}
}

// CometClient is the chain seen through a node's CometBFT RPC, for testing
// off-chain services and clients in process (wrap it in a client.Context):
// ABCI queries go to the app, status, ABCI info and block results come from the
// blocks made so far, and every broadcast transaction is committed at once
// in a block of its own. Methods other than these panic.
func (c *Chain) CometClient() client.CometRPC { return &cometClient{chain: c} }

type cometClient struct {
	client.CometRPC
	chain *Chain
}

func (f *cometClient) ABCIQuery(ctx context.Context, path string, data cmtbytes.HexBytes) (*coretypes.ResultABCIQuery, error) {
	return f.ABCIQueryWithOptions(ctx, path, data, rpcclient.DefaultABCIQueryOptions)
}

func (f *cometClient) ABCIQueryWithOptions(ctx context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error) {
	res, err := f.chain.App.Query(ctx, &abci.RequestQuery{Path: path, Data: data, Height: opts.Height, Prove: opts.Prove})
	if err != nil {
		return nil, err
	}
	return &coretypes.ResultABCIQuery{Response: *res}, nil
}

func (f *cometClient) Status(context.Context) (*coretypes.ResultStatus, error) {
	return &coretypes.ResultStatus{
		NodeInfo: p2p.DefaultNodeInfo{Network: ChainID, DefaultNodeID: NodeID},
		SyncInfo: coretypes.SyncInfo{EarliestBlockHeight: 1, LatestBlockHeight: f.chain.Height, LatestBlockTime: f.chain.Time},
	}, nil
}

func (f *cometClient) ABCIInfo(context.Context) (*coretypes.ResultABCIInfo, error) {
	return &coretypes.ResultABCIInfo{Response: abci.ResponseInfo{LastBlockHeight: f.chain.Height}}, nil
}

func (f *cometClient) BlockResults(_ context.Context, height *int64) (*coretypes.ResultBlockResults, error) {
	res, ok := f.chain.results[*height]
	if !ok {
		return nil, fmt.Errorf("no results for height %d", *height)
	}
	return &coretypes.ResultBlockResults{Height: *height, TxsResults: res.TxResults, FinalizeBlockEvents: res.Events}, nil
}

func (f *cometClient) BroadcastTxSync(_ context.Context, tx cmttypes.Tx) (*coretypes.ResultBroadcastTx, error) {
	f.chain.NextBlock(tx)
	h := sha256.Sum256(tx)
	return &coretypes.ResultBroadcastTx{Hash: h[:]}, nil
}

func (f *cometClient) Tx(_ context.Context, hash []byte, _ bool) (*coretypes.ResultTx, error) {
	at, ok := f.chain.committed[hex.EncodeToString(hash)]
	if !ok {
		return nil, fmt.Errorf("tx %X not found", hash)
	}
	return &coretypes.ResultTx{
		Hash: hash, Height: at.height, Index: uint32(at.index), Tx: at.tx,
		TxResult: *f.chain.results[at.height].TxResults[at.index],
	}, nil
}
