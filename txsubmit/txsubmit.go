// Package txsubmit signs messages with a keyring key, broadcasts them
// through a node and waits until they are committed: what both the ccdb
// client and the companion service (for its erasure attestations) need, in
// one place.
package txsubmit

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Result is a transaction the chain accepted in a block.
type Result struct {
	TxHash string
	Height int64
	// MsgResponses are the messages' responses, in message order.
	MsgResponses []*codectypes.Any
}

// Submitter signs with the key clientCtx.FromName names and sends through
// clientCtx's node.
type Submitter struct {
	clientCtx client.Context
	factory   tx.Factory
	// PollInterval and Timeout bound the wait for a block.
	PollInterval time.Duration
	Timeout      time.Duration
}

// New returns a submitter. The factory carries gas, fees and sign mode;
// with gas "auto" (SimulateAndExecute) every transaction is simulated first,
// which also catches most refusals before anything is signed.
func New(clientCtx client.Context, factory tx.Factory) *Submitter {
	factory = factory.WithFromName(clientCtx.FromName).WithKeybase(clientCtx.Keyring)
	return &Submitter{clientCtx: clientCtx, factory: factory, PollInterval: 250 * time.Millisecond, Timeout: time.Minute}
}

// Address is the signer's account.
func (s *Submitter) Address() sdk.AccAddress { return s.clientCtx.FromAddress }

// Submit signs msgs into one transaction, broadcasts it and waits until it
// is in a block. A refusal (at simulation, at CheckTx or in the block) is
// returned as an error that IsError matches against the module's registered
// errors.
func (s *Submitter) Submit(ctx context.Context, msgs ...sdk.Msg) (Result, error) {
	f, err := s.factory.Prepare(s.clientCtx)
	if err != nil {
		return Result{}, fmt.Errorf("account %s: %w", s.clientCtx.FromAddress, err)
	}
	if f.SimulateAndExecute() {
		_, gas, err := tx.CalculateGas(s.clientCtx, f, msgs...)
		if err != nil {
			return Result{}, refusal("simulation", err)
		}
		f = f.WithGas(gas)
	}
	builder, err := f.BuildUnsignedTx(msgs...)
	if err != nil {
		return Result{}, err
	}
	if err := tx.Sign(ctx, f, s.clientCtx.FromName, builder, true); err != nil {
		return Result{}, fmt.Errorf("signing with %s: %w", s.clientCtx.FromName, err)
	}
	bz, err := s.clientCtx.TxConfig.TxEncoder()(builder.GetTx())
	if err != nil {
		return Result{}, err
	}
	node, err := s.clientCtx.GetNode()
	if err != nil {
		return Result{}, err
	}
	// The transaction can only be in a block after this one.
	status, err := node.Status(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("node status: %w", err)
	}
	res, err := s.clientCtx.BroadcastTxSync(bz)
	if err != nil {
		return Result{}, fmt.Errorf("broadcasting: %w", err)
	}
	if res.Code != 0 {
		return Result{}, refusal("check", errorsmod.ABCIError(res.Codespace, res.Code, res.RawLog))
	}
	return s.wait(ctx, node, res.TxHash, status.SyncInfo.LatestBlockHeight+1)
}

// wait polls the node until the transaction is in a block: by hash in the
// node's transaction index or, on a node that keeps none (indexer = "null"
// in config.toml, as validators often run), by reading each block committed
// from height from on.
func (s *Submitter) wait(ctx context.Context, node client.CometRPC, txHash string, from int64) (Result, error) {
	hash, err := hex.DecodeString(txHash)
	if err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	indexed := true
	for {
		var found *abci.ExecTxResult
		var height int64
		if indexed {
			res, err := node.Tx(ctx, hash, false)
			switch {
			case err == nil:
				found, height = &res.TxResult, res.Height
			case strings.Contains(err.Error(), indexingDisabled):
				indexed = false
				continue
			}
		} else {
			// A block or its results the node cannot serve yet are asked
			// for again at the next poll.
			found, height, from, _ = findInBlocks(ctx, node, hash, from)
		}
		if found != nil {
			return committed(txHash, height, found)
		}
		select {
		case <-ctx.Done():
			return Result{}, fmt.Errorf("transaction %s not committed after %s: %w", txHash, s.Timeout, ctx.Err())
		case <-time.After(s.PollInterval):
		}
	}
}

// indexingDisabled is what a node without a transaction index answers to a
// lookup by hash.
const indexingDisabled = "transaction indexing is disabled"

// findInBlocks looks for the transaction hash in the blocks committed from
// height from on, and returns its result and height if one holds it, and
// the height to look from next.
func findInBlocks(ctx context.Context, node client.CometRPC, hash []byte, from int64) (*abci.ExecTxResult, int64, int64, error) {
	status, err := node.Status(ctx)
	if err != nil {
		return nil, 0, from, err
	}
	for h := from; h <= status.SyncInfo.LatestBlockHeight; h++ {
		block, err := node.Block(ctx, &h)
		if err != nil {
			return nil, 0, h, err
		}
		for i, tx := range block.Block.Txs {
			if !bytes.Equal(tx.Hash(), hash) {
				continue
			}
			results, err := node.BlockResults(ctx, &h)
			if err != nil {
				return nil, 0, h, err
			}
			if i >= len(results.TxsResults) {
				return nil, 0, h, fmt.Errorf("block %d has %d transaction results, wanted #%d", h, len(results.TxsResults), i)
			}
			return results.TxsResults[i], h, h + 1, nil
		}
	}
	return nil, 0, status.SyncInfo.LatestBlockHeight + 1, nil
}

// committed is the outcome of a transaction in its block: its messages'
// responses, or the refusal.
func committed(txHash string, height int64, r *abci.ExecTxResult) (Result, error) {
	if r.Code != 0 {
		return Result{}, refusal("block", errorsmod.ABCIError(r.Codespace, r.Code, r.Log))
	}
	var data sdk.TxMsgData
	if err := proto.Unmarshal(r.Data, &data); err != nil {
		return Result{}, fmt.Errorf("decoding the result of %s: %w", txHash, err)
	}
	return Result{TxHash: txHash, Height: height, MsgResponses: data.MsgResponses}, nil
}

// MsgResponse decodes the i-th message response of res into out.
func MsgResponse(res Result, i int, out proto.Message) error {
	if i >= len(res.MsgResponses) {
		return fmt.Errorf("transaction %s has %d message responses, wanted #%d", res.TxHash, len(res.MsgResponses), i)
	}
	return proto.Unmarshal(res.MsgResponses[i].Value, out)
}

// RefusalError is a transaction the chain refused, at simulation, CheckTx
// or in its block.
type RefusalError struct {
	Stage string
	Err   error
}

func (e *RefusalError) Error() string { return "refused by the chain: " + cleanMessage(e.Err.Error()) }

func (e *RefusalError) Unwrap() error { return e.Err }

func refusal(stage string, err error) error { return &RefusalError{Stage: stage, Err: err} }

// IsError reports whether err is, or reports, the registered error target.
// Refusals from a block carry the code (errors.Is); refusals at simulation
// come back over gRPC as text, so the registered description is matched too.
func IsError(err error, target *errorsmod.Error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, target) || strings.Contains(err.Error(), target.Error())
}

// cleanMessage drops the gRPC wrapping and the SDK's gas notes from a
// refusal, leaving what the module said.
func cleanMessage(s string) string {
	if i := strings.Index(s, "desc = "); i >= 0 {
		s = s[i+len("desc = "):]
	}
	if i := strings.Index(s, " With gas wanted"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
}
