package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	cmttypes "github.com/cometbft/cometbft/types"

	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/msec-city/msec/app"
)

// msgFactory builds the next message a sender sends.
type msgFactory func(s *sender, n int) (sdk.Msg, uint64)

// bankSend sends 1umsec to the next sender round-robin.
func bankSend(e *environment) msgFactory {
	return func(s *sender, n int) (sdk.Msg, uint64) {
		return sendOne(s.address, e.senders[(n+1)%len(e.senders)].address)
	}
}

// sendOne sends 1umsec, with the gas every bank send load signs for.
func sendOne(from, to sdk.AccAddress) (sdk.Msg, uint64) {
	return banktypes.NewMsgSend(from, to, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))), 120_000
}

// bankSendNewRecipient sends 1umsec to an account that does not exist yet,
// so that each send creates an account and its balance in state, as each
// ccdb message creates keys. The recipients differ between runs and loads.
func bankSendNewRecipient() msgFactory {
	var run [8]byte
	_, _ = rand.Read(run[:])
	var sent atomic.Uint64
	return func(s *sender, _ int) (sdk.Msg, uint64) {
		h := sha256.Sum256(fmt.Appendf(nil, "loadgen/recipient/%x/%d", run, sent.Add(1)))
		return sendOne(s.address, h[:20])
	}
}

type loadResult struct {
	name       string
	workload   string // what was sent, e.g. "bank send"
	round      int    // of the ccdb workload's interleaved rounds, from 1
	rate       float64
	sent       int
	refused    int
	committed  int // carried by a block and succeeded in it
	failed     int // carried by a block but failed in it
	window     time.Duration
	latencies  []time.Duration
	broadcasts []time.Duration // BroadcastTxSync round trips: CheckTx on the node
	blockTimes []time.Duration
	txPerBlock []int
}

// failedInBlock says whether the block's i-th tx failed: it is carried, but
// did nothing, and is not counted as committed.
func failedInBlock(block cmttypes.EventDataNewBlock, i int) bool {
	results := block.ResultFinalizeBlock.TxResults
	return i >= len(results) || results[i].Code != 0
}

// tps is committed txs per second between the first and last commit.
func (l loadResult) tps() float64 {
	if l.window <= 0 {
		return 0
	}
	return float64(l.committed) / l.window.Seconds()
}

// lost is the txs CheckTx accepted that no block carried within 30 s of
// the end of sending: evicted from the mempools, or never proposed.
func (l loadResult) lost() int { return l.sent - l.refused - l.committed - l.failed }

// txsPerBlock is the mean number of this load's txs in the blocks that
// carried any.
func (l loadResult) txsPerBlock() float64 {
	blocks, txs := 0, 0
	for _, n := range l.txPerBlock {
		if n > 0 {
			blocks++
			txs += n
		}
	}
	if blocks == 0 {
		return 0
	}
	return float64(txs) / float64(blocks)
}

// runLoad offers txs at rate for d, round-robin over the senders, and
// follows NewBlock events until every accepted tx is committed (or 30 s
// after sending stops).
func (e *environment) runLoad(name string, next msgFactory, rate float64, d time.Duration) (loadResult, error) {
	res := loadResult{name: name}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := e.rpc.Subscribe(ctx, "loadgen", "tm.event='NewBlock'", 1000)
	if err != nil {
		return res, fmt.Errorf("subscribing to blocks: %w", err)
	}
	defer func() { _ = e.rpc.UnsubscribeAll(context.Background(), "loadgen") }()

	var mu sync.Mutex
	pending := map[[32]byte]time.Time{}
	// At most e.inFlight of the offered rate is sent and not yet
	// committed: offering far more than the chain commits only fills the
	// mempool, which every node then re-checks after each block, so blocks
	// stretch and the chain runs far below its capacity.
	inFlight := make(chan struct{}, max(1, int(rate*e.inFlight.Seconds())))
	var firstCommit, lastCommit time.Time
	var lastBlockTime time.Time
	done := make(chan struct{})
	sendingDone := make(chan struct{})
	go func() {
		defer close(done)
		grace := time.NewTimer(time.Hour)
		for {
			select {
			case <-sendingDone:
				sendingDone = nil
				grace.Reset(30 * time.Second)
			case <-grace.C:
				return
			case ev := <-events:
				block, ok := ev.Data.(cmttypes.EventDataNewBlock)
				if !ok {
					continue
				}
				now := time.Now()
				mu.Lock()
				t := block.Block.Time
				if !lastBlockTime.IsZero() {
					res.blockTimes = append(res.blockTimes, t.Sub(lastBlockTime))
				}
				lastBlockTime = t
				ours := 0
				for i, tx := range block.Block.Txs {
					h := sha256.Sum256(tx)
					if sent, ok := pending[h]; ok {
						delete(pending, h)
						<-inFlight
						if failedInBlock(block, i) {
							res.failed++
							continue
						}
						res.latencies = append(res.latencies, now.Sub(sent))
						ours++
						if firstCommit.IsZero() {
							firstCommit = now
						}
						lastCommit = now
					}
				}
				res.txPerBlock = append(res.txPerBlock, ours)
				empty := sendingDone == nil && len(pending) == 0
				mu.Unlock()
				if empty {
					return
				}
			}
		}
	}()

	// One goroutine per sender, each offering its share of the rate, so the
	// offered load does not depend on how fast one goroutine can sign.
	var wg sync.WaitGroup
	var sendErr error
	start := time.Now()
	deadline := start.Add(d)
	interval := time.Duration(float64(time.Second) * float64(len(e.senders)) / rate)
	for i, s := range e.senders {
		wg.Add(1)
		go func(i int, s *sender) {
			defer wg.Done()
			// The k-th tx of this sender is due at a fixed time; a sender
			// held up (the node answers no CheckTx while it commits a block)
			// sends what fell due at once, so the rate offered is the rate
			// asked for, not what a closed loop of waiting senders manages,
			// unless the chain commits less (inFlight).
			first := start.Add(time.Duration(i) * interval / time.Duration(len(e.senders)))
			for k := 0; ; k++ {
				due := first.Add(time.Duration(k) * interval)
				if !due.Before(deadline) {
					break
				}
				time.Sleep(time.Until(due))
				select {
				case inFlight <- struct{}{}:
				case <-time.After(time.Until(deadline)):
					return
				}
				n := i + k*len(e.senders)
				msg, gas := next(s, n)
				tx, err := e.sign(s, gas, msg)
				if err != nil {
					mu.Lock()
					sendErr = err
					mu.Unlock()
					<-inFlight
					return
				}
				h := sha256.Sum256(tx)
				mu.Lock()
				pending[h] = time.Now()
				res.sent++
				mu.Unlock()
				sent := time.Now()
				r, err := e.rpc.BroadcastTxSync(ctx, tx)
				mu.Lock()
				res.broadcasts = append(res.broadcasts, time.Since(sent))
				mu.Unlock()
				if err != nil || r.Code != 0 {
					mu.Lock()
					delete(pending, h)
					res.refused++
					mu.Unlock()
					<-inFlight
					// The sender's sequence may be off now; ask the chain.
					_ = e.refreshAccount(s)
				} else {
					s.sequence++
				}
			}
		}(i, s)
	}
	wg.Wait()
	if sendErr != nil {
		return res, sendErr
	}
	close(sendingDone)
	<-done
	res.committed = len(res.latencies)
	res.window = lastCommit.Sub(firstCommit)
	return res, nil
}

func (e *environment) sign(s *sender, gas uint64, msgs ...sdk.Msg) ([]byte, error) {
	b := e.txConfig.NewTxBuilder()
	if err := b.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	b.SetGasLimit(gas)
	b.SetFeeAmount(sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, int64(gas/1000+1))))
	pub := s.key.PubKey()
	if err := b.SetSignatures(signing.SignatureV2{PubKey: pub,
		Data: &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT}, Sequence: s.sequence}); err != nil {
		return nil, err
	}
	sig, err := clienttx.SignWithPrivKey(context.Background(), signing.SignMode_SIGN_MODE_DIRECT,
		authsigning.SignerData{Address: s.address.String(), ChainID: e.chainID, AccountNumber: s.number,
			Sequence: s.sequence, PubKey: pub}, b, s.key, e.txConfig, s.sequence)
	if err != nil {
		return nil, err
	}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	return e.txConfig.TxEncoder()(b.GetTx())
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p * float64(len(s)-1))
	return s[i]
}

func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}
