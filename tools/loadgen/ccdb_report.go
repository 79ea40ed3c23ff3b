package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

func renderCCDBReport(e *environment, r ccdbResults) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# CCDB benchmark\n\nProduced by `make bench-ccdb` (tools/loadgen -workload ccdb) against the 4-validator localnet, each validator running its embedded IPFS node and companion service.\n\n")
	fmt.Fprintf(&b, "- date: %s\n- machine: %s, %d cores (nproc), %s\n- load average at the end: %s\n",
		time.Now().UTC().Format(time.RFC3339), cpuModel(), runtime.NumCPU(), runtime.Version(), loadAverage())
	fmt.Fprintf(&b, "- each load runs %s from %d accounts; the 4 validators, their IPFS nodes and companion services, and this client share the machine\n",
		r.opts.duration, len(e.senders))
	fmt.Fprintf(&b, "- %s\n\n", r.fixtureNote)

	fmt.Fprintf(&b, "## Committed messages per second\n\nOne message per transaction, signed and sent at the offered rate; bank sends measured in the same run at the same rate are the reference.\n\n")
	fmt.Fprintf(&b, "| workload | sent | refused at CheckTx | committed | committed tx/s | ratio to bank send | p50 commit latency | p99 commit latency |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---:|---:|\n")
	bank := map[float64]float64{}
	for _, l := range r.loads {
		if strings.HasPrefix(l.name, "bank send") {
			bank[l.rate] = l.tps()
		}
	}
	for _, l := range r.loads {
		ratio := "-"
		if ref := bank[l.rate]; ref > 0 {
			ratio = fmt.Sprintf("%.2f", l.tps()/ref)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.1f | %s | %s | %s |\n", l.name, l.sent, l.refused, l.committed, l.tps(), ratio,
			ms(percentile(l.latencies, 0.5)), ms(percentile(l.latencies, 0.99)))
	}

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
