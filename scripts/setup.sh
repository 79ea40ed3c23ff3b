#!/usr/bin/env bash
# Installs everything the build, tests, benchmarks and evaluations need on a
# fresh Debian machine. Each area keeps its own idempotent script in
# scripts/setup-<area>.sh; this runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in scripts/setup-*.sh; do
	[ -e "$s" ] || continue
	echo "== $s"
	bash "$s"
done
