// Command loadgen measures an msec network: it sends signed transactions at
// a fixed offered rate from several funded accounts, watches blocks over the
// websocket RPC, and reports committed tx/s, commit latency percentiles and
// mean block time; then it measures a gRPC query's latency. Results are
// appended to a markdown file. -workload ccdb measures the companion
// database instead (ccdb_run.go).
//
//	go run ./tools/loadgen -dir build/localnet -out bench/results/chain.md
//	go run ./tools/loadgen -workload ccdb -dir build/localnet -out bench/results/ccdb.md
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	dir := flag.String("dir", "build/localnet", "localnet directory (keys in <dir>/<name>.json)")
	rpc := flag.String("rpc", "http://127.0.0.1:26657", "CometBFT RPC of the node to send to")
	grpcAddr := flag.String("grpc", "127.0.0.1:9090", "gRPC address for queries")
	chainID := flag.String("chain-id", "msec-localnet", "chain ID")
	senders := flag.String("senders", "alice,bob,member0,member1,member2,member3", "funded keys to send from")
	rates := flag.String("rates", "50,300", "offered loads to measure in turn, tx/s (below and above saturation)")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	queries := flag.Int("queries", 2000, "consortium queries to time")
	out := flag.String("out", "", "markdown file to write the results to (default: stdout only)")
	workload := flag.String("workload", "chain", "chain (bank sends, consortium queries) or ccdb")
	companion := flag.String("companion", "http://127.0.0.1:8282", "companion service for -workload ccdb")
	receipts := flag.Int("receipts", 100_000, "read receipts in state before timing audit queries (-workload ccdb)")
	auditQueries := flag.Int("audit-queries", 200, "runs of each audit query (-workload ccdb)")
	inFlight := flag.Duration("in-flight", time.Second, "how much of the offered rate may be sent and not yet committed")
	rounds := flag.Int("rounds", 3, "interleaved rounds of the message loads, each with its own bank send reference (-workload ccdb)")
	flag.Parse()

	env, err := newEnvironment(*dir, *rpc, *grpcAddr, *chainID, splitList(*senders))
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	defer env.Close()
	env.inFlight = *inFlight

	if *workload == "ccdb" {
		runCCDBReport(env, ccdbOptions{companion: *companion, rates: parseRates(*rates), duration: *duration,
			receipts: *receipts, queries: *auditQueries, rounds: *rounds}, *out)
		return
	}

	var loads []loadResult
	for _, rate := range parseRates(*rates) {
		res, err := env.runLoad(fmt.Sprintf("bank send, offered %.0f tx/s", rate), bankSend(env), rate, *duration)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		loads = append(loads, res)
	}
	query, err := env.timeQueries(*queries)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	writeReport(renderReport(env, loads, query, *duration), *out)
}

func runCCDBReport(env *environment, opts ccdbOptions, out string) {
	res, err := runCCDB(env, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	writeReport(renderCCDBReport(env, res), out)
}

// writeReport prints the report and writes it to out, if given.
func writeReport(report, out string) {
	fmt.Print(report)
	if out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
	}
}

func parseRates(list string) []float64 {
	var rates []float64
	for _, r := range splitList(list) {
		rate, err := strconv.ParseFloat(r, 64)
		if err != nil || rate <= 0 {
			fmt.Fprintf(os.Stderr, "loadgen: bad rate %q\n", r)
			os.Exit(2)
		}
		rates = append(rates, rate)
	}
	return rates
}
