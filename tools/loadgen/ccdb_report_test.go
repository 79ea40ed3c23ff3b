package main

import (
	"strings"
	"testing"
	"time"
)

// Each load is compared with the bank sends of its own round: a round on a
// busier machine lowers both.
func TestCommittedRatesUseEachRoundsReference(t *testing.T) {
	load := func(workload string, round, committed int) loadResult {
		return loadResult{name: workload, workload: workload, round: round, rate: 300, sent: committed + 10, refused: 2,
			committed: committed, failed: 3, window: 10 * time.Second}
	}
	loads := []loadResult{
		load(bankSendWorkload, 1, 2000), load("MsgPutRecord", 1, 1800),
		load("MsgPutRecord", 2, 900), load(bankSendWorkload, 2, 1000),
		load(bankSendWorkload, 3, 1500), load("MsgPutRecord", 3, 1050),
		load(newRecipientWorkload, 1, 1500), load(newRecipientWorkload, 2, 600), load(newRecipientWorkload, 3, 1400),
	}
	var b strings.Builder
	writeCommittedRates(&b, loads)
	out := b.String()
	for _, want := range []string{
		// Against the new-recipient sends of each round: 1.20, 1.50, 0.75.
		"| MsgPutRecord | 3 | 105.0 | **0.90** | 0.70 - 0.90 | 1.20 |",
		"| bank send, new recipient | 3 | 140.0 | **0.75** | 0.60 - 0.93 | 1.00 |",
		"| 2 | MsgPutRecord | 910 | 2 | 900 | 3 | 5 | 90.0 | 0.90 |",
		"| 3 | MsgPutRecord | 1060 | 2 | 1050 | 3 | 5 | 105.0 | 0.70 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestRoundOrderAlternates(t *testing.T) {
	ws := []ccdbWorkload{{name: "a"}, {name: "b"}, {name: "c"}}
	names := func(ws []ccdbWorkload) (s string) {
		for _, w := range ws {
			s += w.name
		}
		return s
	}
	if got := names(roundOrder(ws, 1)); got != "abc" {
		t.Errorf("round 1: %s", got)
	}
	if got := names(roundOrder(ws, 2)); got != "cba" {
		t.Errorf("round 2: %s", got)
	}
	if got := names(ws); got != "abc" {
		t.Errorf("roundOrder changed its input: %s", got)
	}
}
