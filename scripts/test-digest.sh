#!/usr/bin/env bash
# test-digest.sh LOG: the few lines of a failed `go test` run that say what
# failed and where, printed last so that they survive when only the tail of
# a long CI log is kept.
set -uo pipefail
log=${1:?usage: test-digest.sh LOG}
echo
echo "=== failure digest of $log ==="
# Failed tests and packages.
grep -E '^(--- FAIL|FAIL|panic:)' "$log" | head -15
# A go test timeout: the tests that were running, and the test code they
# were stuck in (frames of *_test.go files and the e2e harness).
grep -A4 '^running tests:' "$log" | head -6
grep -oE '[^ ]*/(tests/e2e/[a-z_]+\.go|[a-z_]+_test\.go):[0-9]+' "$log" | sort | uniq -c | sort -rn | head -8
# Assertion and harness messages.
grep -E -A1 '^\s+Error:|did not finish within|timed out after [0-9]' "$log" | grep -v -e '^--$' -e '^panic:' | head -12
