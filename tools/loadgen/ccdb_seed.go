package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

const (
	// readsPerTx is how many read receipts one seeding transaction posts.
	readsPerTx = 100
	// txsPerRound is how many seeding transactions each sender has in
	// flight before it waits for the last one.
	txsPerRound = 10
)

// seedReceipts posts batched reads under the fixture's unlimited grants
// until the fixture records hold at least target receipts, and returns how
// many they hold and how long seeding took.
func (e *environment) seedReceipts(ctx context.Context, f *ccdbFixture, target int) (int, time.Duration, error) {
	start := time.Now()
	for _, s := range e.senders { // other clients may have used the accounts
		if err := e.refreshAccount(s); err != nil {
			return 0, 0, err
		}
	}
	have, err := e.countReceipts(ctx, f)
	if err != nil || have >= target {
		return have, 0, err
	}
	batch := func(s *sender) []sdk.Msg {
		msgs := make([]sdk.Msg, readsPerTx)
		for i := range msgs {
			msgs[i] = f.readMsg(s)
		}
		return msgs
	}
	gas, err := e.simulate(ctx, e.senders[0], batch(e.senders[0])...)
	if err != nil {
		return have, 0, fmt.Errorf("simulating a batch of reads: %w", err)
	}
	gas = gas * 12 / 10
	failures := 0
	for have < target {
		remaining := target - have
		var last []string
		for _, s := range e.senders {
			var hash string
			for i := 0; i < txsPerRound && remaining > 0; i++ {
				h, err := e.broadcast(ctx, s, gas, batch(s)...)
				if err != nil { // broadcast has refreshed the sequence
					fmt.Println("loadgen: seeding:", err)
					break
				}
				hash = h
				remaining -= readsPerTx
			}
			if hash != "" {
				last = append(last, hash)
			}
		}
		failed := len(last) == 0
		for _, h := range last {
			if _, err := e.waitTx(ctx, h); err != nil {
				// A batch that reached the proposer before an earlier one
				// of the same sender fails on its sequence: count what
				// landed and go on from the chain's sequences.
				fmt.Println("loadgen: seeding:", err)
				failed = true
			}
		}
		if failed {
			if failures++; failures > 20 {
				return have, time.Since(start), errors.New("seeding read receipts: more than 20 rounds failed")
			}
			time.Sleep(3 * time.Second) // let the mempools drain
			for _, s := range e.senders {
				if err := e.refreshAccount(s); err != nil {
					return have, time.Since(start), err
				}
			}
		}
		if have, err = e.countReceipts(ctx, f); err != nil {
			return have, time.Since(start), err
		}
		fmt.Printf("loadgen: seeding receipts, %d to go\n", max(target-have, 0))
	}
	return have, time.Since(start), nil
}

// countReceipts is how many receipts the fixture records hold.
func (e *environment) countReceipts(ctx context.Context, f *ccdbFixture) (int, error) {
	q := ccdbtypes.NewQueryClient(e.grpc)
	total := 0
	for _, id := range f.reads {
		res, err := q.ReceiptsByRecord(ctx, &ccdbtypes.QueryReceiptsByRecordRequest{RecordId: id,
			Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
		if err != nil {
			return 0, err
		}
		total += int(res.Pagination.Total)
	}
	return total, nil
}
