package ipfsnode

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
)

// testConfig listens on loopback with OS-chosen ports and no storage limit.
func testConfig(swarmKey string, peers ...string) Config {
	cfg := DefaultConfig()
	cfg.ListenAddresses = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.SwarmKeyFile = swarmKey
	cfg.Peers = peers
	cfg.GatewayAddress = "127.0.0.1:0"
	cfg.APIAddress = "127.0.0.1:0"
	cfg.StorageLimit = "0"
	return cfg
}

func newSwarmKey(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "swarm.key")
	if err := GenerateSwarmKey(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func startTestNode(t testing.TB, cfg Config) *Node {
	t.Helper()
	return startTestNodeAt(t, t.TempDir(), cfg)
}

func startTestNodeAt(t testing.TB, home string, cfg Config) *Node {
	t.Helper()
	n, err := Start(context.Background(), cfg, home, log.NewNopLogger())
	if err != nil {
		t.Fatalf("start node: %v", err)
	}
	t.Cleanup(func() { _ = n.Close() })
	return n
}

func timeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
