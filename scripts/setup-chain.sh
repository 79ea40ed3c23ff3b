#!/usr/bin/env bash
# Tools the chain's build, tests and localnet need: jq and curl (localnet
# script, e2e tests), protobuf-compiler (make proto-gen), and the Go modules.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in jq curl protobuf-compiler; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing Debian packages: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
go mod download
