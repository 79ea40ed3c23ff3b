# msec: top-level targets. Each area adds its own targets in mk/<area>.mk and
# registers them in BENCH_TARGETS / EVAL_TARGETS / SETUP_SCRIPTS.
SHELL := /bin/bash
GO ?= go
BUILD_DIR ?= $(CURDIR)/build
MSECD := $(BUILD_DIR)/msecd

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS := -X github.com/cosmos/cosmos-sdk/version.Name=msec \
	-X github.com/cosmos/cosmos-sdk/version.AppName=msecd \
	-X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
	-X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT)

BENCH_TARGETS :=
EVAL_TARGETS :=

-include mk/*.mk

.PHONY: all build install test bench eval setup fmt vet proto-gen \
	localnet localnet-stop localnet-status localnet-reset bench-chain
all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(MSECD) ./cmd/msecd

install:
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/msecd

setup:
	./scripts/setup.sh

# setup is idempotent and quick once everything is installed, so a fresh
# machine needs nothing but `make test`. The end-to-end tests build msecd and
# run localnet.sh in subprocesses, which go test's result cache cannot see,
# so they always run (-count=1); both parts run even if the first fails.
E2E_PKG := ./tests/e2e
test: setup
	@status=0; \
	$(GO) test -timeout 25m $$($(GO) list ./... | grep -v '/tests/e2e$$') || status=1; \
	$(GO) test -count=1 -timeout 25m $(E2E_PKG) || status=1; \
	exit $$status

proto-gen:
	./scripts/protocgen.sh

localnet: build
	./localnet/localnet.sh start

localnet-stop:
	./localnet/localnet.sh stop

localnet-status:
	./localnet/localnet.sh status

localnet-reset:
	./localnet/localnet.sh reset

BENCH_TARGETS += bench-chain
# Committed tx/s, commit latency and block time of signed bank sends, and
# consortium query latency, against the localnet (started if needed).
bench-chain: localnet
	$(GO) run ./tools/loadgen -dir build/localnet -out bench/results/chain.md

bench: $(BENCH_TARGETS)

eval: $(EVAL_TARGETS)

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '\.pb\.go$$' | grep -v '\.pb\.gw\.go$$')

vet:
	$(GO) vet ./...
