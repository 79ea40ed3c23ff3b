package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/app"
)

// Addresses derived in the test process are msec addresses.
func init() { app.SetAddressPrefixes() }

// Companion is node i's companion service URL.
func (n *Localnet) Companion(i int) string {
	return fmt.Sprintf("http://127.0.0.1:%d", 8282+10*i+n.Offset)
}

// Gateway is node i's trustless IPFS gateway URL.
func (n *Localnet) Gateway(i int) string {
	return fmt.Sprintf("http://127.0.0.1:%d", 8181+10*i+n.Offset)
}

// Home is node i's home directory.
func (n *Localnet) Home(i int) string { return filepath.Join(n.Dir, fmt.Sprintf("node%d", i)) }

// CCDB runs `msecd ccdb` as from, against node i's RPC and companion
// service, with stdin as input.
func (n *Localnet) CCDB(node int, from, stdin string, args ...string) (string, error) {
	full := append([]string{"--home", filepath.Join(n.Dir, "client"), "ccdb"}, args...)
	full = append(full, "--from", from, "--keyring-backend", "test",
		"--node", strings.Replace(n.RPC(node), "http", "tcp", 1), "--companion-url", n.Companion(node))
	cmd := command(n.Msecd, full...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.combinedOutput()
	return strings.TrimSpace(string(out)), err
}

// MustCCDB is CCDB that fails the test on error and returns the result's
// "name: value" lines.
func (n *Localnet) MustCCDB(node int, from string, args ...string) map[string]string {
	n.t.Helper()
	out, err := n.CCDB(node, from, "", args...)
	if err != nil {
		n.t.Fatalf("msecd ccdb %v as %s: %v\n%s", args, from, err, out)
	}
	return Fields(out)
}

// Fields parses "name: value" lines.
func Fields(out string) map[string]string {
	f := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			f[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return f
}

// AddKey creates a key in the client keyring and saves its mnemonic in
// <dir>/<name>.json, as the localnet does for its demo keys.
func (n *Localnet) AddKey(name string) string {
	n.t.Helper()
	out, err := command(n.Msecd, "keys", "add", name, "--keyring-backend", "test",
		"--home", filepath.Join(n.Dir, "client"), "--output", "json").combinedOutput()
	if err != nil {
		n.t.Fatalf("keys add %s: %v\n%s", name, err, out)
	}
	if err := os.WriteFile(filepath.Join(n.Dir, name+".json"), out, 0o600); err != nil {
		n.t.Fatal(err)
	}
	return n.Address(name)
}

// Mnemonic of a key the localnet or AddKey saved.
func (n *Localnet) Mnemonic(name string) string {
	n.t.Helper()
	bz, err := os.ReadFile(filepath.Join(n.Dir, name+".json"))
	if err != nil {
		n.t.Fatal(err)
	}
	var saved struct {
		Mnemonic string `json:"mnemonic"`
	}
	if err := json.Unmarshal(bz, &saved); err != nil || saved.Mnemonic == "" {
		n.t.Fatalf("%s.json has no mnemonic", name)
	}
	return saved.Mnemonic
}

// SigningKey is the account key of a saved mnemonic.
func (n *Localnet) SigningKey(name string) *secp256k1.PrivKey {
	n.t.Helper()
	derived, err := hd.Secp256k1.Derive()(n.Mnemonic(name), "", sdk.FullFundraiserPath)
	if err != nil {
		n.t.Fatal(err)
	}
	return &secp256k1.PrivKey{Key: derived}
}

// HasBlock says whether node i's blockstore holds the block of cid, as its
// trustless gateway (which serves only local blocks) sees it.
func (n *Localnet) HasBlock(i int, cid string) bool {
	n.t.Helper()
	req, err := http.NewRequest(http.MethodGet, n.Gateway(i)+"/ipfs/"+cid, nil)
	if err != nil {
		n.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/vnd.ipld.raw")
	resp, err := httpClient.Do(req)
	if err != nil {
		n.t.Fatalf("gateway of node%d: %v", i, err)
	}
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return true
	case http.StatusNotFound:
		return false
	}
	n.t.Fatalf("gateway of node%d answered %s for %s", i, resp.Status, cid)
	return false
}

// QueryJSON runs a query against node 0 and decodes its JSON output.
func (n *Localnet) QueryJSON(out any, args ...string) {
	n.t.Helper()
	raw := n.MustCLI(0, append(append([]string{"query"}, args...), "-o", "json")...)
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		n.t.Fatalf("query %v: %v\n%s", args, err, raw)
	}
}

func jsonDecode(resp *http.Response, v any) error { return json.NewDecoder(resp.Body).Decode(v) }

// Cat reads content from node i's IPFS store, as its operator can.
func (n *Localnet) Cat(i int, cid string) []byte {
	n.t.Helper()
	out := filepath.Join(n.t.TempDir(), "cat")
	n.Node(i, "ipfs", "cat", cid, "--output", out)
	bz, err := os.ReadFile(out)
	if err != nil {
		n.t.Fatal(err)
	}
	return bz
}

// dumpCompanionLogs prints every companion line of every node log when the
// test failed: what the custodians did is what a failure needs explained.
func (n *Localnet) dumpCompanionLogs() {
	if !n.t.Failed() {
		return
	}
	logs, _ := filepath.Glob(filepath.Join(n.Dir, "node*.log"))
	for _, l := range logs {
		bz, err := os.ReadFile(l)
		if err != nil {
			continue
		}
		var lines []string
		for _, line := range strings.Split(string(bz), "\n") {
			if strings.Contains(line, "module=companion") {
				lines = append(lines, line)
			}
		}
		n.t.Logf("--- companion lines of %s ---\n%s", l, strings.Join(lines, "\n"))
	}
}

// requireIndexedBySenderOnly checks a new node's index-events: the block
// at height marks message.sender for CometBFT's transaction index and no
// attribute of a ccdb event (what those say is in state), and a search by
// sender finds the sender's transactions.
func (n *Localnet) requireIndexedBySenderOnly(height, sender string) {
	n.t.Helper()
	var results struct {
		Result struct {
			TxsResults []struct {
				Events []struct {
					Type       string `json:"type"`
					Attributes []struct {
						Key   string `json:"key"`
						Index bool   `json:"index"`
					} `json:"attributes"`
				} `json:"events"`
			} `json:"txs_results"`
		} `json:"result"`
	}
	if err := getJSON(n.RPC(0)+"/block_results?height="+height, &results); err != nil {
		n.t.Fatal(err)
	}
	indexed := map[string]bool{}
	for _, tx := range results.Result.TxsResults {
		for _, ev := range tx.Events {
			for _, a := range ev.Attributes {
				indexed[ev.Type+"."+a.Key] = indexed[ev.Type+"."+a.Key] || a.Index
			}
		}
	}
	ccdbEvents := 0
	for key, index := range indexed {
		if strings.HasPrefix(key, "msec.ccdb.") {
			ccdbEvents++
			if index {
				n.t.Errorf("%s is marked for the transaction index", key)
			}
		}
	}
	if ccdbEvents == 0 || !indexed["message.sender"] {
		n.t.Fatalf("block %s: want ccdb events and an indexed message.sender, got %v", height, indexed)
	}
	var search struct {
		Result struct {
			TotalCount string `json:"total_count"`
		} `json:"result"`
	}
	query := url.QueryEscape(fmt.Sprintf(`"message.sender='%s'"`, sender))
	if err := getJSON(n.RPC(0)+"/tx_search?query="+query, &search); err != nil {
		n.t.Fatal(err)
	}
	if search.Result.TotalCount == "0" || search.Result.TotalCount == "" {
		n.t.Fatalf("no transaction of %s found by message.sender", sender)
	}
}

// WithoutTxIndex restarts node i with CometBFT's transaction index off
// (indexer = "null" in config.toml, as validators often run) and waits
// until it follows the chain again.
func (n *Localnet) WithoutTxIndex(i int) {
	n.t.Helper()
	n.Script("stop-node", fmt.Sprint(i))
	cfg := filepath.Join(n.Home(i), "config", "config.toml")
	bz, err := os.ReadFile(cfg)
	if err != nil {
		n.t.Fatal(err)
	}
	off := strings.Replace(string(bz), `indexer = "kv"`, `indexer = "null"`, 1)
	if off == string(bz) {
		n.t.Fatalf(`%s has no indexer = "kv"`, cfg)
	}
	if err := os.WriteFile(cfg, []byte(off), 0o600); err != nil {
		n.t.Fatal(err)
	}
	n.Script("start-node", fmt.Sprint(i))
	n.WaitCaughtUp(i)
	resp, err := http.Get(n.RPC(i) + "/tx?hash=0x" + strings.Repeat("00", 32))
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(answer), "transaction indexing is disabled") {
		n.t.Fatalf("node%d still answers lookups by hash: %s", i, answer)
	}
}
