// Command loadgen measures an msec network: it sends signed transactions at
// a fixed offered rate from several funded accounts, watches blocks over the
// websocket RPC, and reports committed tx/s, commit latency percentiles and
// mean block time; then it measures a gRPC query's latency. Results are
// appended to a markdown file.
//
//	go run ./tools/loadgen -dir build/localnet -out bench/results/chain.md
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	dir := flag.String("dir", "build/localnet", "localnet directory (keys in <dir>/<name>.json)")
	rpc := flag.String("rpc", "http://127.0.0.1:26657", "CometBFT RPC of the node to send to")
	grpcAddr := flag.String("grpc", "127.0.0.1:9090", "gRPC address for queries")
	chainID := flag.String("chain-id", "msec-localnet", "chain ID")
	senders := flag.String("senders", "alice,bob,member0,member1,member2,member3", "funded keys to send from")
	rate := flag.Float64("rate", 150, "offered load, tx/s")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	queries := flag.Int("queries", 2000, "consortium queries to time")
	out := flag.String("out", "", "markdown file to write the results to (default: stdout only)")
	flag.Parse()

	env, err := newEnvironment(*dir, *rpc, *grpcAddr, *chainID, splitList(*senders))
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	defer env.Close()

	sends, err := env.runLoad("bank send", bankSend(env), *rate, *duration)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	query, err := env.timeQueries(*queries)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	report := renderReport(env, []loadResult{sends}, query, *rate, *duration)
	fmt.Print(report)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
	}
}
