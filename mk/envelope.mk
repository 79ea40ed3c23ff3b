# envelope/: client-side encryption (docs/encryption.md).
#
#   make test-envelope    unit tests
#   make fuzz-envelope    every fuzz target for FUZZTIME each (default 30s)
#   make bench-envelope   msec vs age throughput and peak memory, writes
#                         bench/results/envelope.md (about 3.5 GB of temp files
#                         in $TMPDIR while it runs)

ENVELOPE_FUZZ_TARGETS := FuzzDecrypt FuzzStreamHeader FuzzOpenEnvelope FuzzParsePublicKey FuzzParsePublicKeyString
FUZZTIME ?= 30s

BENCH_TARGETS += bench-envelope

.PHONY: test-envelope fuzz-envelope bench-envelope

test-envelope:
	$(GO) test ./envelope/...

fuzz-envelope:
	set -e; for target in $(ENVELOPE_FUZZ_TARGETS); do \
		$(GO) test ./envelope -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME); \
	done

bench-envelope:
	$(GO) run ./envelope/internal/benchcmd -out bench/results/envelope.md
