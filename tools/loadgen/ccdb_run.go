package main

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// ccdbOptions are the ccdb benchmark's knobs.
type ccdbOptions struct {
	companion string
	rates     []float64
	duration  time.Duration
	receipts  int
	queries   int
	rounds    int
}

// ccdbResults is everything the ccdb report shows.
type ccdbResults struct {
	loads       []loadResult
	latencies   []latency
	receipts    int
	seeding     time.Duration
	audit       []*timing
	opts        ccdbOptions
	fixtureNote string
}

// bankSendWorkload names the reference load.
const bankSendWorkload = "bank send"

// newRecipientWorkload names the bank send that creates its recipient's
// account: a second reference, one that adds keys to the state as every
// ccdb message does.
const newRecipientWorkload = "bank send, new recipient"

// ccdbWorkload is one kind of message load.
type ccdbWorkload struct {
	name string
	next msgFactory
}

// roundOrder runs the loads forwards in odd rounds and backwards in even
// ones, so that a drift in the machine's other load over the run falls on
// every workload alike rather than on the ones measured last.
func roundOrder(ws []ccdbWorkload, round int) []ccdbWorkload {
	if round%2 == 1 {
		return ws
	}
	reversed := slices.Clone(ws)
	slices.Reverse(reversed)
	return reversed
}

// runCCDB measures, against the localnet: committed MsgPutRecord,
// MsgGrantAccess and MsgAccessRecord per second, each beside bank sends at
// the same offered rate in the same run; end-to-end put and get latency
// through a companion service; and audit query latency once the state holds
// opts.receipts read receipts.
func runCCDB(e *environment, opts ccdbOptions) (ccdbResults, error) {
	ctx := context.Background()
	res := ccdbResults{opts: opts}
	f, err := e.setupCCDB(ctx)
	if err != nil {
		return res, err
	}
	res.fixtureNote = fmt.Sprintf("gas per message: put %d, grant %d, read %d", f.gas["put"], f.gas["grant"], f.gas["access"])
	workloads := []ccdbWorkload{
		{bankSendWorkload, bankSend(e)},
		{newRecipientWorkload, bankSendNewRecipient()},
		{"MsgPutRecord", f.putFactory()},
		{"MsgGrantAccess", f.grantFactory(e)},
		{"MsgAccessRecord", f.accessFactory()},
	}
	for _, rate := range opts.rates {
		for round := 1; round <= max(opts.rounds, 1); round++ {
			for _, w := range roundOrder(workloads, round) {
				fmt.Printf("loadgen: round %d: %s at %.0f tx/s for %s\n", round, w.name, rate, opts.duration)
				l, err := e.runLoad(fmt.Sprintf("%s, offered %.0f tx/s", w.name, rate), w.next, rate, opts.duration)
				if err != nil {
					return res, err
				}
				l.workload, l.round, l.rate = w.name, round, rate
				res.loads = append(res.loads, l)
				for _, s := range e.senders {
					if err := e.refreshAccount(s); err != nil {
						return res, err
					}
				}
			}
		}
	}
	fmt.Println("loadgen: end-to-end put and get")
	if res.latencies, err = e.timePutGet(ctx, f, opts.companion, []int64{1 << 20, 64 << 20}, []int{5, 3}); err != nil {
		return res, err
	}
	fmt.Printf("loadgen: seeding %d read receipts\n", opts.receipts)
	if res.receipts, res.seeding, err = e.seedReceipts(ctx, f, opts.receipts); err != nil {
		return res, err
	}
	fmt.Println("loadgen: audit queries")
	res.audit, err = e.timeAudit(ctx, f, opts.queries, 5)
	return res, err
}
