#!/usr/bin/env bash
# Generates the gogoproto Go code and gRPC-gateway handlers for proto/msec/**.
# Works offline: protoc comes from Debian's protobuf-compiler, the plugins are
# built from the Go module cache (tools.go pins them), and imported .proto
# files are read from the modules in go.mod.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }

tools=build/tools
mkdir -p "$tools"
go build -o "$tools/" github.com/cosmos/gogoproto/protoc-gen-gocosmos \
	github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway

moddir() { go list -m -f '{{.Dir}}' "$1"; }
sdk=$(moddir github.com/cosmos/cosmos-sdk)
gogo=$(moddir github.com/cosmos/gogoproto)
cosmosproto=$(moddir github.com/cosmos/cosmos-proto)
gateway=$(moddir github.com/grpc-ecosystem/grpc-gateway)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for dir in $(find proto/msec -name '*.proto' -exec dirname {} \; | sort -u); do
	PATH="$PWD/$tools:$PATH" protoc \
		-I proto -I "$sdk/proto" -I "$gogo" -I "$gogo/protobuf" \
		-I "$cosmosproto/proto" -I "$gateway/third_party/googleapis" \
		--gocosmos_out="plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:$out" \
		--grpc-gateway_out="logtostderr=true,allow_colon_final_segments=true:$out" \
		"$dir"/*.proto
done

cp -r "$out"/github.com/msec-city/msec/* ./
