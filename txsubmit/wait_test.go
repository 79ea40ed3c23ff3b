package txsubmit

import (
	"context"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// chainWithoutIndex is a node with indexer = "null": a lookup by hash is
// refused, and each status call finds one more block committed.
type chainWithoutIndex struct {
	client.CometRPC // methods the wait must not call panic
	blocks          map[int64][]cmttypes.Tx
	results         map[int64][]*abci.ExecTxResult
	latest, last    int64
	blocksRead      []int64
}

func (c *chainWithoutIndex) Tx(context.Context, []byte, bool) (*coretypes.ResultTx, error) {
	return nil, errors.New("RPC error -32603 - Internal error: " + indexingDisabled)
}

func (c *chainWithoutIndex) Status(context.Context) (*coretypes.ResultStatus, error) {
	c.latest = min(c.latest+1, c.last)
	return &coretypes.ResultStatus{SyncInfo: coretypes.SyncInfo{LatestBlockHeight: c.latest}}, nil
}

func (c *chainWithoutIndex) Block(_ context.Context, h *int64) (*coretypes.ResultBlock, error) {
	c.blocksRead = append(c.blocksRead, *h)
	return &coretypes.ResultBlock{Block: &cmttypes.Block{Data: cmttypes.Data{Txs: c.blocks[*h]}}}, nil
}

func (c *chainWithoutIndex) BlockResults(_ context.Context, h *int64) (*coretypes.ResultBlockResults, error) {
	return &coretypes.ResultBlockResults{Height: *h, TxsResults: c.results[*h]}, nil
}

func succeeded(t *testing.T, typeURL string) *abci.ExecTxResult {
	bz, err := proto.Marshal(&sdk.TxMsgData{MsgResponses: []*codectypes.Any{{TypeUrl: typeURL}}})
	if err != nil {
		t.Fatal(err)
	}
	return &abci.ExecTxResult{Data: bz}
}

// On a node without a transaction index the wait finds the transaction
// in the blocks committed since the broadcast, reading each block once,
// and returns its result; a refusal in the block is still a refusal.
func TestWaitWithoutTransactionIndex(t *testing.T) {
	ours, other := cmttypes.Tx("ours"), cmttypes.Tx("other")
	for _, refused := range []bool{false, true} {
		result := succeeded(t, "/msec.ccdb.v1.MsgPutRecordResponse")
		if refused {
			result = &abci.ExecTxResult{Code: 2, Codespace: "txsubmittest", Log: "record ID is taken"}
		}
		node := &chainWithoutIndex{latest: 3, last: 7,
			blocks:  map[int64][]cmttypes.Tx{4: {other}, 5: {}, 6: {other, ours}, 7: {other}},
			results: map[int64][]*abci.ExecTxResult{6: {succeeded(t, "/other"), result}},
		}
		s := &Submitter{PollInterval: time.Millisecond, Timeout: 10 * time.Second}
		res, err := s.wait(context.Background(), node, hexHash(ours), 4)
		if refused {
			if !IsError(err, errTaken) {
				t.Fatalf("refusal in the block not returned: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if res.Height != 6 || len(res.MsgResponses) != 1 || res.MsgResponses[0].TypeUrl != "/msec.ccdb.v1.MsgPutRecordResponse" {
			t.Fatalf("result %+v", res)
		}
		for i, h := range node.blocksRead {
			if h != int64(4+i) {
				t.Fatalf("blocks read %v, wanted 4, 5, 6 once each", node.blocksRead)
			}
		}
	}
}

// A transaction that never lands ends the wait at the timeout, with an
// error that says so.
func TestWaitWithoutTransactionIndexTimesOut(t *testing.T) {
	node := &chainWithoutIndex{latest: 3, last: 5, blocks: map[int64][]cmttypes.Tx{}}
	s := &Submitter{PollInterval: time.Millisecond, Timeout: 50 * time.Millisecond}
	_, err := s.wait(context.Background(), node, hexHash(cmttypes.Tx("lost")), 4)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
}

func hexHash(tx cmttypes.Tx) string { return hex.EncodeToString(tx.Hash()) }
