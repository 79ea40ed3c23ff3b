package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// eachSender has every sender for which build returns a message send it
// (gas simulated), waits until all are committed, and hands each first
// message response to handle (when not nil).
func (e *environment) eachSender(ctx context.Context, build func(*sender) (sdk.Msg, bool), handle func(*sender, []byte) error) error {
	type sent struct {
		s    *sender
		hash string
	}
	var pending []sent
	for _, s := range e.senders {
		msg, ok := build(s)
		if !ok {
			continue
		}
		gas, err := e.simulate(ctx, s, msg)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		hash, err := e.broadcast(ctx, s, gas*13/10+20_000, msg)
		if err != nil {
			return err
		}
		pending = append(pending, sent{s, hash})
	}
	for _, p := range pending {
		res, err := e.waitTx(ctx, p.hash)
		if err != nil {
			return err
		}
		if handle == nil {
			continue
		}
		var data sdk.TxMsgData
		if err := proto.Unmarshal(res.TxResult.Data, &data); err != nil || len(data.MsgResponses) == 0 {
			return fmt.Errorf("tx %s has no message response: %v", p.hash, err)
		}
		if err := handle(p.s, data.MsgResponses[0].Value); err != nil {
			return err
		}
	}
	return nil
}

// broadcast signs msgs at the sender's sequence and sends them; the
// sequence moves on only if CheckTx accepts.
func (e *environment) broadcast(ctx context.Context, s *sender, gas uint64, msgs ...sdk.Msg) (string, error) {
	tx, err := e.sign(s, gas, msgs...)
	if err != nil {
		return "", err
	}
	res, err := e.rpc.BroadcastTxSync(ctx, tx)
	if err != nil {
		return "", err
	}
	if res.Code != 0 {
		_ = e.refreshAccount(s)
		return "", fmt.Errorf("%s: refused at CheckTx: %s", s.name, res.Log)
	}
	s.sequence++
	return txHash(tx), nil
}

// waitTx polls until a transaction is committed, and fails if it failed.
func (e *environment) waitTx(ctx context.Context, hash string) (*coretypes.ResultTx, error) {
	h, err := hex.DecodeString(hash)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := e.rpc.Tx(ctx, h, false)
		if err == nil {
			if res.TxResult.Code != 0 {
				return nil, fmt.Errorf("tx %s failed: %s", hash, res.TxResult.Log)
			}
			return res, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("tx %s not committed after 2 minutes", hash)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
