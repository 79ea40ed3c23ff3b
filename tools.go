//go:build tools

// Package tools pins the code generators `make proto-gen` builds from the Go
// module cache, so generation works offline with the versions in go.mod.
package tools

import (
	_ "github.com/cosmos/gogoproto/protoc-gen-gocosmos"
	_ "github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway"
)
