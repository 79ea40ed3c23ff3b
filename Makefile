# msec: top-level targets. Each area adds its own targets in mk/<area>.mk and
# registers them in BENCH_TARGETS / EVAL_TARGETS / SETUP_SCRIPTS.
SHELL := /bin/bash
GO ?= go
BUILD_DIR ?= $(CURDIR)/build
MSECD := $(BUILD_DIR)/msecd

BENCH_TARGETS :=
EVAL_TARGETS :=

-include mk/*.mk

.PHONY: all build install test bench eval setup fmt vet
all: build

build:
	$(GO) build -o $(MSECD) ./cmd/msecd

install:
	$(GO) install ./cmd/msecd

setup:
	./scripts/setup.sh

test:
	$(GO) test -timeout 25m ./...

bench: $(BENCH_TARGETS)

eval: $(EVAL_TARGETS)

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '\.pb\.go$$' | grep -v '\.pb\.gw\.go$$')

vet:
	$(GO) vet ./...
