// Package e2e runs real msecd processes: a localnet of validators started by
// localnet/localnet.sh, driven through the msecd CLI and CometBFT's RPC.
package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// repoRoot is the checkout this test lives in.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// BuildMsecd compiles msecd into dir and returns its path.
func BuildMsecd(dir string) (string, error) {
	bin := filepath.Join(dir, "msecd")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/msecd")
	cmd.Dir = repoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building msecd: %v\n%s", err, out)
	}
	return bin, nil
}

// Localnet is a running localnet in its own directory and port range.
type Localnet struct {
	t      testing.TB
	Dir    string
	Offset int
	Msecd  string
}

// StartLocalnet initialises and starts a 4-validator localnet.
func StartLocalnet(t testing.TB, msecd string, offset int) *Localnet {
	t.Helper()
	n := &Localnet{t: t, Dir: t.TempDir(), Offset: offset, Msecd: msecd}
	t.Cleanup(func() {
		if _, err := n.script("stop"); err != nil {
			t.Logf("stopping the localnet: %v", err)
		}
		if t.Failed() {
			n.dumpLogs()
		}
	})
	out, err := n.script("start")
	if err != nil {
		t.Fatalf("localnet start: %v\n%s", err, out)
	}
	return n
}

func (n *Localnet) script(args ...string) (string, error) {
	cmd := command(filepath.Join(repoRoot(), "localnet", "localnet.sh"), args...)
	cmd.Env = append(os.Environ(),
		"LOCALNET_DIR="+n.Dir,
		"LOCALNET_OFFSET="+strconv.Itoa(n.Offset),
		"MSECD="+n.Msecd,
	)
	out, err := cmd.combinedOutput()
	return strings.TrimSpace(string(out)), err
}

// Script runs a localnet.sh command and fails the test if it fails.
func (n *Localnet) Script(args ...string) string {
	n.t.Helper()
	out, err := n.script(args...)
	if err != nil {
		n.t.Fatalf("localnet %v: %v\n%s", args, err, out)
	}
	return out
}

func (n *Localnet) dumpLogs() {
	logs, _ := filepath.Glob(filepath.Join(n.Dir, "node*.log"))
	for _, l := range logs {
		bz, err := os.ReadFile(l)
		if err != nil {
			continue
		}
		lines := strings.Split(string(bz), "\n")
		if len(lines) > 25 {
			lines = lines[len(lines)-25:]
		}
		n.t.Logf("--- tail of %s ---\n%s", l, strings.Join(lines, "\n"))
	}
}

// RPC is node i's CometBFT RPC address.
func (n *Localnet) RPC(i int) string {
	return fmt.Sprintf("http://127.0.0.1:%d", 26657+10*i+n.Offset)
}

// CLI runs msecd with the localnet's client home against node i.
func (n *Localnet) CLI(node int, args ...string) (string, error) {
	full := append([]string{"--home", filepath.Join(n.Dir, "client")}, args...)
	if args[0] == "query" || args[0] == "tx" {
		full = append(full, "--node", strings.Replace(n.RPC(node), "http", "tcp", 1))
	}
	out, err := command(n.Msecd, full...).combinedOutput()
	return strings.TrimSpace(string(out)), err
}

// MustCLI is CLI that fails the test on error.
func (n *Localnet) MustCLI(node int, args ...string) string {
	n.t.Helper()
	out, err := n.CLI(node, args...)
	if err != nil {
		n.t.Fatalf("msecd %v: %v\n%s", args, err, out)
	}
	return out
}

// Node runs msecd against node i's home (operator commands such as ipfs)
// and fails the test on error.
func (n *Localnet) Node(i int, args ...string) string {
	n.t.Helper()
	full := append(args, "--home", filepath.Join(n.Dir, fmt.Sprintf("node%d", i)))
	out, err := command(n.Msecd, full...).output()
	if err != nil {
		n.t.Fatalf("msecd %v: %v", args, err)
	}
	return strings.TrimRight(string(out), "\n")
}

// Address of a key in the client keyring.
func (n *Localnet) Address(key string) string {
	n.t.Helper()
	return n.MustCLI(0, "keys", "show", key, "-a", "--keyring-backend", "test")
}

// Status is what CometBFT's /status and /net_info say of node i; ok is false
// when the node does not answer.
type Status struct {
	Height int64
	Peers  int
}

// Status queries node i.
func (n *Localnet) Status(i int) (Status, bool) {
	var st struct {
		Result struct {
			SyncInfo struct {
				LatestBlockHeight string `json:"latest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	var ni struct {
		Result struct {
			NPeers string `json:"n_peers"`
		} `json:"result"`
	}
	if err := getJSON(n.RPC(i)+"/status", &st); err != nil {
		return Status{}, false
	}
	if err := getJSON(n.RPC(i)+"/net_info", &ni); err != nil {
		return Status{}, false
	}
	h, _ := strconv.ParseInt(st.Result.SyncInfo.LatestBlockHeight, 10, 64)
	p, _ := strconv.Atoi(ni.Result.NPeers)
	return Status{Height: h, Peers: p}, true
}

// Height of node i, failing the test if it does not answer.
func (n *Localnet) Height(i int) int64 {
	n.t.Helper()
	st, ok := n.Status(i)
	if !ok {
		n.t.Fatalf("node%d does not answer on %s", i, n.RPC(i))
	}
	return st.Height
}

// WaitFor polls cond every half second until it holds or timeout passes.
func (n *Localnet) WaitFor(what string, timeout time.Duration, cond func() bool) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	n.t.Fatalf("timed out after %s waiting for %s", timeout, what)
}

// WaitCaughtUp waits until node i, restarted, is within a block of node0.
func (n *Localnet) WaitCaughtUp(i int) {
	n.t.Helper()
	n.WaitFor(fmt.Sprintf("node%d to catch up", i), 90*time.Second, func() bool {
		st, ok := n.Status(i)
		return ok && st.Height >= n.Height(0)-1
	})
}

// WaitTx waits until a transaction is committed and returns its code.
func (n *Localnet) WaitTx(node int, hash string) int {
	n.t.Helper()
	var code int
	n.WaitFor("tx "+hash, 30*time.Second, func() bool {
		out, err := n.CLI(node, "query", "tx", hash, "-o", "json")
		if err != nil {
			return false
		}
		var res struct {
			Code int `json:"code"`
		}
		if json.Unmarshal([]byte(out), &res) != nil {
			return false
		}
		code = res.Code
		return true
	})
	return code
}

// Tx broadcasts a transaction signed by from and waits until it commits;
// it fails the test unless the transaction succeeds.
func (n *Localnet) Tx(from string, args ...string) string {
	n.t.Helper()
	full := append(args, "--from", from, "--keyring-backend", "test", "--gas", "auto", "--gas-adjustment", "1.5",
		"--gas-prices", "0.001umsec", "-y", "-o", "json")
	out := n.MustCLI(0, full...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   int    `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		n.t.Fatalf("decoding broadcast result %q: %v", out, err)
	}
	if res.Code != 0 {
		n.t.Fatalf("tx refused at check: %s", res.RawLog)
	}
	if code := n.WaitTx(0, res.TxHash); code != 0 {
		n.t.Fatalf("tx %s failed with code %d", res.TxHash, code)
	}
	return res.TxHash
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func getJSON(url string, v any) error {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
