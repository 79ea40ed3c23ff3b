package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"

	"github.com/msec-city/msec/ipfsnode"
)

// run executes `msecd ipfs <args>` for home and returns its stdout.
func run(t *testing.T, home string, stdin []byte, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := NewIPFSCommand(home)
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetIn(bytes.NewReader(stdin))
	cmd.SetArgs(args)
	cmd.SilenceUsage = true
	err := cmd.ExecuteContext(ctx)
	return out.String(), err
}

func mustRun(t *testing.T, home string, args ...string) string {
	t.Helper()
	out, err := run(t, home, nil, args...)
	if err != nil {
		t.Fatalf("ipfs %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// testData is deterministic, incompressible-looking content.
func testData(size int) []byte {
	var b []byte
	for k := 0; len(b) < size; k++ {
		sum := sha256.Sum256([]byte{byte(k), byte(k >> 8), byte(k >> 16)})
		b = append(b, sum[:]...)
	}
	return b[:size]
}

func startNode(t *testing.T, home string) *ipfsnode.Node {
	t.Helper()
	cfg := ipfsnode.DefaultConfig()
	cfg.ListenAddresses = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.GatewayAddress = ""
	cfg.APIAddress = "127.0.0.1:0"
	n, err := ipfsnode.Start(context.Background(), cfg, home, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = n.Close() })
	return n
}

func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "input")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCommandsAgainstRunningNode(t *testing.T) {
	home := t.TempDir()
	n := startNode(t, home)
	data := testData(700_000)

	root := strings.TrimSpace(mustRun(t, home, "add", writeFile(t, data), "--reason", "record-1"))
	if want, _ := n.Pins(context.Background()); len(want) != 1 || want[0].Root.String() != root {
		t.Fatalf("add through the node printed %q; node pins %+v", root, want)
	}
	if got := mustRun(t, home, "cat", root); got != string(data) {
		t.Fatalf("cat returned %d bytes, want %d", len(got), len(data))
	}
	if out := mustRun(t, home, "pin", root, "--reason", "record-2"); !strings.Contains(out, "record-1, record-2") {
		t.Errorf("pin output: %q", out)
	}
	if out := mustRun(t, home, "unpin", root, "--reason", "record-1"); !strings.Contains(out, "pinned for record-2") {
		t.Errorf("unpin output: %q", out)
	}
	stdinRoot := strings.TrimSpace(mustRunStdin(t, home, []byte("from stdin"), "add", "--no-pin"))
	if out := mustRun(t, home, "gc"); !strings.HasPrefix(out, "removed 1 blocks") {
		t.Errorf("gc output: %q (want the unpinned stdin add removed)", out)
	}
	if _, err := run(t, home, nil, "cat", stdinRoot, "--timeout", "500ms"); err == nil {
		t.Error("cat of collected content succeeded")
	}
	stat := mustRun(t, home, "stat", "--pins")
	for _, want := range []string{"blocks:        4", "pinned roots:  1", root + "\trecord-2"} {
		if !strings.Contains(stat, want) {
			t.Errorf("stat output lacks %q:\n%s", want, stat)
		}
	}
	if out := mustRun(t, home, "id"); !strings.Contains(out, n.Identity().ID.String()) || !strings.Contains(out, "/p2p/") {
		t.Errorf("id output: %q", out)
	}
	if out := mustRun(t, home, "peers"); !strings.Contains(out, "no peers") {
		t.Errorf("peers output: %q", out)
	}
	if _, err := run(t, home, nil, "stat", "--offline"); !errors.Is(err, ipfsnode.ErrRepoLocked) {
		t.Errorf("--offline while the node runs: err = %v, want ErrRepoLocked", err)
	}
}

func TestCatOfMissingContentTimesOut(t *testing.T) {
	home := t.TempDir()
	startNode(t, home)
	missing := "bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom"
	_, err := run(t, home, nil, "cat", missing, "--timeout", "500ms")
	if err == nil || !strings.Contains(err.Error(), "within 500ms") {
		t.Fatalf("err = %v", err)
	}
}

func TestCommandsWithoutRunningNode(t *testing.T) {
	home := t.TempDir()
	data := testData(300_000)
	root := strings.TrimSpace(mustRun(t, home, "add", writeFile(t, data)))
	if got := mustRun(t, home, "cat", root); got != string(data) {
		t.Fatal("offline cat differs from offline add")
	}
	outFile := filepath.Join(t.TempDir(), "out")
	mustRun(t, home, "cat", root, "--output", outFile)
	if got, err := os.ReadFile(outFile); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("cat --output wrote %d bytes, err %v", len(got), err)
	}
	if out := mustRun(t, home, "stat", "--pins"); !strings.Contains(out, root+"\tmanual") {
		t.Errorf("offline add did not pin for the default reason:\n%s", out)
	}
	if out := mustRun(t, home, "id"); !strings.Contains(out, "peer id: 12D3KooW") {
		t.Errorf("offline id: %q", out)
	}
	if _, err := run(t, home, nil, "peers"); err == nil {
		t.Error("peers without a running node succeeded")
	}
	_, err := run(t, home, nil, "cat", "not-a-cid")
	if !errors.Is(err, ipfsnode.ErrInvalidCID) {
		t.Errorf("cat not-a-cid: err = %v", err)
	}
	_, err = run(t, home, nil, "cat", "bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom")
	if !errors.Is(err, ipfsnode.ErrContentNotFound) {
		t.Errorf("offline cat of missing content: err = %v", err)
	}
	if _, err := run(t, home, nil, "pin", root); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("pin without --reason: err = %v", err)
	}
}

func TestStaleEndpointFallsBackToRepo(t *testing.T) {
	home := t.TempDir()
	n := startNode(t, home)
	endpoint, err := os.ReadFile(filepath.Join(ipfsnode.RepoDir(home), "api.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	// Leave the endpoint behind, as a crashed node would.
	if err := os.WriteFile(filepath.Join(ipfsnode.RepoDir(home), "api.json"), endpoint, 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, home, "stat"); !strings.Contains(out, "blocks:") {
		t.Errorf("stat after a crash: %q", out)
	}
}

func TestSwarmKeyGenerate(t *testing.T) {
	home := t.TempDir()
	out := mustRun(t, home, "swarm-key", "generate")
	path := filepath.Join(home, "config", "swarm.key")
	if !strings.Contains(out, path) {
		t.Errorf("output %q does not name %s", out, path)
	}
	if _, err := ipfsnode.LoadSwarmKey(path); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, home, nil, "swarm-key", "generate"); err == nil {
		t.Error("generate over an existing key succeeded")
	}
}

func mustRunStdin(t *testing.T, home string, stdin []byte, args ...string) string {
	t.Helper()
	out, err := run(t, home, stdin, args...)
	if err != nil {
		t.Fatalf("ipfs %s: %v", strings.Join(args, " "), err)
	}
	return out
}
