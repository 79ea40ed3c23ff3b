package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

func renderCCDBReport(e *environment, r ccdbResults) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# CCDB benchmark\n\nProduced by `make bench-ccdb` (tools/loadgen -workload ccdb) against the 4-validator localnet, each validator running its embedded IPFS node and companion service.\n\n")
	fmt.Fprintf(&b, "- date: %s\n- machine: %s, %d cores (nproc), %s\n- load average at the end: %s\n",
		time.Now().UTC().Format(time.RFC3339), cpuModel(), runtime.NumCPU(), runtime.Version(), loadAverage())
	fmt.Fprintf(&b, "- each load runs %s from %d accounts, in %d rounds; the 4 validators, their IPFS nodes and companion services, and this client share the machine\n",
		r.opts.duration, len(e.senders), max(r.opts.rounds, 1))
	fmt.Fprintf(&b, "- %s\n\n", r.fixtureNote)

	writeCommittedRates(&b, r.loads)

	fmt.Fprintf(&b, "\n## End-to-end put and get\n\nThrough `ccdbclient` (what `msecd ccdb` runs) and node0's companion service. Put: encrypt, upload, register, committed. Get by a grantee: read receipt committed, envelope and ciphertext downloaded and checked against the chain, decrypted.\n\n")
	fmt.Fprintf(&b, "| operation | size | runs | p50 | max |\n|---|---:|---:|---:|---:|\n")
	for _, l := range r.latencies {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", l.op, humanize.IBytes(uint64(l.size)), len(l.times),
			ms(percentile(l.times, 0.5)), ms(percentile(l.times, 1)))
	}

	fmt.Fprintf(&b, "\n## Audit queries\n\n%d read receipts in state on %d records (seeded in %s, %d reads per transaction); gRPC to node0, %d runs each (exports: 5).\n\n",
		r.receipts, len(e.senders), r.seeding.Round(time.Second), readsPerTx, r.opts.queries)
	fmt.Fprintf(&b, "| query | runs | p50 | p99 |\n|---|---:|---:|---:|\n")
	for _, t := range r.audit {
		fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", t.name, len(t.latencies), ms(percentile(t.latencies, 0.5)), ms(percentile(t.latencies, 0.99)))
	}
	fmt.Fprintf(&b, "\nCommit latency is from broadcast to the NewBlock event that carries the tx; tx/s is committed txs over the time between the first and last commit.\n")
	return b.String()
}

// loadKey names a load's reference: the bank sends of its round and rate.
type loadKey struct {
	round int
	rate  float64
}

// writeCommittedRates writes each load with its ratio to the bank sends of
// the same round, then per workload the median over the rounds, against the
// bank sends and against the bank sends to new recipients.
func writeCommittedRates(b *strings.Builder, loads []loadResult) {
	refs := map[string]map[loadKey]float64{bankSendWorkload: {}, newRecipientWorkload: {}}
	for _, l := range loads {
		if ref, ok := refs[l.workload]; ok {
			ref[loadKey{l.round, l.rate}] = l.tps()
		}
	}
	ratioTo := func(reference string, l loadResult) (float64, bool) {
		ref := refs[reference][loadKey{l.round, l.rate}]
		return l.tps() / ref, ref > 0
	}
	ratio := func(l loadResult) (float64, bool) { return ratioTo(bankSendWorkload, l) }
	fmt.Fprintf(b, "## Committed messages per second\n\nOne message per transaction, signed and sent at the offered rate: every sender's k-th transaction has a fixed due time, and a sender held up (a node answers no CheckTx while it commits a block) sends what fell due at once, and at most one second of the offered rate is sent and not yet committed, so above saturation the senders wait for the chain rather than fill the mempool (which every node re-checks after each block). `sent` is therefore what the chain took in; tx/s is committed txs over the time between the first and last commit. The loads run in interleaved rounds (forwards in odd rounds, backwards in even ones); each round has its own bank send reference, so a change in the machine's other load between rounds does not skew the ratios. The reference sends 1umsec between the load's own accounts, which only updates balances the state already holds; `bank send, new recipient` sends each to an account that does not exist yet, so it adds keys to the state as every ccdb message does, and is shown beside them against the same reference; the last column compares every load with it instead.\n\n")
	fmt.Fprintf(b, "| workload | rounds | committed tx/s, median | ratio to bank send, median | ratio, min - max | ratio to bank send to a new recipient, median |\n|---|---:|---:|---:|---:|---:|\n")
	type summary struct {
		name                  string
		tps                   []float64
		ratios, toNewAccounts []float64
	}
	var order []string
	byName := map[string]*summary{}
	for _, l := range loads {
		s, ok := byName[l.name]
		if !ok {
			s = &summary{name: l.name}
			byName[l.name] = s
			order = append(order, l.name)
		}
		s.tps = append(s.tps, l.tps())
		if q, ok := ratio(l); ok {
			s.ratios = append(s.ratios, q)
		}
		if q, ok := ratioTo(newRecipientWorkload, l); ok {
			s.toNewAccounts = append(s.toNewAccounts, q)
		}
	}
	for _, name := range order {
		s := byName[name]
		if len(s.ratios) == 0 {
			continue
		}
		toNewAccounts := "-"
		if len(s.toNewAccounts) > 0 {
			toNewAccounts = fmt.Sprintf("%.2f", median(s.toNewAccounts))
		}
		fmt.Fprintf(b, "| %s | %d | %.1f | **%.2f** | %.2f - %.2f | %s |\n", s.name, len(s.tps), median(s.tps), median(s.ratios),
			slices.Min(s.ratios), slices.Max(s.ratios), toNewAccounts)
	}
	fmt.Fprintf(b, "\nEvery load:\n\n| round | workload | sent | refused at CheckTx | committed | failed in the block | accepted, never committed | committed tx/s | ratio to bank send | p50 commit latency | p99 commit latency | p50 broadcast | mean block time | txs per block |\n")
	fmt.Fprintf(b, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, l := range loads {
		q := "-"
		if v, ok := ratio(l); ok {
			q = fmt.Sprintf("%.2f", v)
		}
		fmt.Fprintf(b, "| %d | %s | %d | %d | %d | %d | %d | %.1f | %s | %s | %s | %s | %s | %.0f |\n", l.round, l.name, l.sent, l.refused, l.committed, l.failed, l.lost(), l.tps(), q,
			ms(percentile(l.latencies, 0.5)), ms(percentile(l.latencies, 0.99)), ms(percentile(l.broadcasts, 0.5)),
			ms(mean(l.blockTimes)), l.txsPerBlock())
	}
}

// median is the middle value (the mean of the two middle ones for an even
// count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
