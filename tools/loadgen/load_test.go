package main

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

// A tx a block carries counts as committed only if it succeeded there.
func TestFailedInBlock(t *testing.T) {
	block := cmttypes.EventDataNewBlock{
		Block:               &cmttypes.Block{Data: cmttypes.Data{Txs: cmttypes.Txs{[]byte("a"), []byte("b"), []byte("c")}}},
		ResultFinalizeBlock: abci.ResponseFinalizeBlock{TxResults: []*abci.ExecTxResult{{Code: 0}, {Code: 11}}},
	}
	for i, want := range []bool{false, true, true} {
		if got := failedInBlock(block, i); got != want {
			t.Errorf("tx %d: failed %v, want %v", i, got, want)
		}
	}
}
