package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

func renderReport(e *environment, loads []loadResult, q queryResult, d time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Chain benchmark\n\nProduced by `make bench-chain` (tools/loadgen) against the 4-validator localnet.\n\n")
	fmt.Fprintf(&b, "- date: %s\n- machine: %s, %d cores (nproc), %s\n- load average at the end: %s\n",
		time.Now().UTC().Format(time.RFC3339), cpuModel(), runtime.NumCPU(), runtime.Version(), loadAverage())
	fmt.Fprintf(&b, "- each load runs %s from %d accounts; all 4 validators and the client share this machine\n\n",
		d, len(e.senders))
	fmt.Fprintf(&b, "| workload | sent | refused at CheckTx | committed | failed in the block | accepted, never committed | committed tx/s | p50 commit latency | p99 commit latency | mean block time |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, l := range loads {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %.1f | %s | %s | %s |\n", l.name, l.sent, l.refused, l.committed, l.failed, l.lost(), l.tps(),
			ms(percentile(l.latencies, 0.5)), ms(percentile(l.latencies, 0.99)), ms(mean(l.blockTimes)))
	}
	fmt.Fprintf(&b, "\n| query | count | queries/s | p50 | p99 |\n|---|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| %s | %d | %.0f | %s | %s |\n", q.name, q.count, float64(q.count)/q.elapsed.Seconds(),
		ms(percentile(q.latencies, 0.5)), ms(percentile(q.latencies, 0.99)))
	fmt.Fprintf(&b, "\nCommit latency is from broadcast to the NewBlock event that carries the tx; tx/s is committed txs over the time between the first and last commit.\n")
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func cpuModel() string {
	bz, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(bz), "\n") {
		if strings.HasPrefix(line, "model name") {
			if i := strings.Index(line, ":"); i >= 0 {
				return strings.TrimSpace(line[i+1:])
			}
		}
	}
	return "unknown CPU"
}

func loadAverage() string {
	bz, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(bz))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
