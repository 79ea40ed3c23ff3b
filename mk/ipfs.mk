# Embedded IPFS node (ipfsnode/): benchmarks.
# bench-ipfs measures add and cat throughput (64 MiB and 1 GiB, streamed
# from a generator), and a bitswap fetch of 64 MiB between two local member
# nodes, then writes the figures with the machine to bench/results/ipfs.md.
.PHONY: bench-ipfs
BENCH_TARGETS += bench-ipfs

IPFS_BENCH_OUT := bench/results/ipfs.md
IPFS_BENCH_COUNT ?= 3

bench-ipfs:
	@mkdir -p $(dir $(IPFS_BENCH_OUT))
	@set -euo pipefail; raw=$$(mktemp); trap 'rm -f $$raw' EXIT; \
	load_before=$$(cut -d' ' -f1-3 /proc/loadavg); \
	$(GO) test ./ipfsnode/ -run '^$$' -bench 'Benchmark(Add|Cat|Bitswap)' \
		-benchtime 1x -count $(IPFS_BENCH_COUNT) -timeout 60m | tee $$raw; \
	{ \
	echo "# Embedded IPFS node benchmarks"; \
	echo; \
	echo "Produced by \`make bench-ipfs\` (ipfsnode/bench_test.go). Each run imports or reads"; \
	echo "a file streamed from a ChaCha8 generator (incompressible, like ciphertext):"; \
	echo; \
	echo "- **Add**: unixfs import (kubo CIDv1 parameters) into a fresh on-disk repo, pinned;"; \
	echo "  disk-bytes/byte is what the process wrote to disk per byte added (LevelDB"; \
	echo "  journal + compaction)."; \
	echo "- **Cat**: reading the file back through the unixfs reader, every block hash-checked."; \
	echo "- **Bitswap**: a second member node, connected over the private swarm (TCP + swarm"; \
	echo "  key) on 127.0.0.1, fetching and pinning a file only the first node has."; \
	echo; \
	echo "MB/s is Go's figure: 10^6 bytes per second. $(IPFS_BENCH_COUNT) runs each (-benchtime 1x)."; \
	echo; \
	echo "## Machine"; \
	echo; \
	echo "- CPU: $$(nproc) cores, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"; \
	echo "- Go: $$($(GO) version | cut -d' ' -f3-)"; \
	echo "- Date: $$(date -u '+%Y-%m-%d %H:%M UTC')"; \
	echo "- Load average (1/5/15 min) before / after: $$load_before / $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	echo "  (a load above the core count means other work shared the CPUs and disk: the"; \
	echo "  figures are then lower bounds, and vary from run to run)"; \
	echo; \
	echo "## Results"; \
	echo; \
	echo '```'; \
	grep -E '^(cpu:|Benchmark)' $$raw; \
	echo '```'; \
	} > $(IPFS_BENCH_OUT); \
	echo "wrote $(IPFS_BENCH_OUT)"
