package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var msecd string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "msec-e2e-")
	if err != nil {
		panic(err)
	}
	msecd, err = BuildMsecd(dir)
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestLocalnetFaultsAndAllowList runs a 4-validator network, kills and
// restarts validators, and checks the p2p allow-list against a 5th node.
func TestLocalnetFaultsAndAllowList(t *testing.T) {
	net := StartLocalnet(t, msecd, 3000)

	// Blocks advance on every validator.
	start := net.Height(0)
	net.WaitFor("3 more blocks", 30*time.Second, func() bool { return net.Height(0) >= start+3 })
	for i := 1; i < 4; i++ {
		st, ok := net.Status(i)
		require.True(t, ok)
		require.Equal(t, 3, st.Peers, "node%d should see the other three validators", i)
	}

	// A bank send is committed.
	bob := net.Address("bob")
	before := balance(t, net, 0, bob)
	sendHash := net.Tx("alice", "tx", "bank", "send", net.Address("alice"), bob, "4242umsec")
	require.Equal(t, before+4242, balance(t, net, 0, bob))

	// Every validator runs an IPFS node in the consortium's private swarm:
	// content added on node0 is fetched by node2 over bitswap.
	blob := filepath.Join(t.TempDir(), "blob")
	content := bytes.Repeat([]byte("ciphertext stand-in "), 100_000)
	require.NoError(t, os.WriteFile(blob, content, 0o600))
	cid := lastLine(net.Node(0, "ipfs", "add", blob))
	require.Contains(t, net.Node(2, "ipfs", "pin", cid, "--reason", "e2e", "--timeout", "60s"), "pinned")
	require.Equal(t, string(content), net.Node(2, "ipfs", "cat", cid))

	// One validator down (10 of 40): blocks keep coming.
	net.Script("stop-node", "3")
	h := net.Height(0)
	net.WaitFor("blocks without node3", 30*time.Second, func() bool { return net.Height(0) >= h+3 })

	// A second one down (20 of 40 left, under 2/3): the chain halts.
	net.Script("stop-node", "2")
	time.Sleep(3 * time.Second) // let a block in flight finish
	halted := net.Height(0)
	time.Sleep(10 * time.Second)
	require.LessOrEqual(t, net.Height(0), halted+1, "the chain must halt with half of the power down")

	// Bring node2 back: the chain resumes, and the committed send is still there.
	net.Script("start-node", "2")
	net.WaitFor("the chain to resume", 90*time.Second, func() bool { return net.Height(0) >= halted+3 })
	require.Zero(t, net.WaitTx(2, sendHash), "the send is on the restarted node")
	require.Equal(t, before+4242, balance(t, net, 2, bob))
	net.Script("start-node", "3")
	net.WaitCaughtUp(3)

	// A 5th node that is not on the allow-list never connects.
	nodeID := net.Script("init-node", "4")
	net.Script("start-node", "4")
	time.Sleep(15 * time.Second)
	st, ok := net.Status(4)
	require.True(t, ok, "node4 runs")
	require.Zero(t, st.Peers, "no validator accepts node4")
	require.Zero(t, st.Height, "node4 cannot sync")
	allowed := net.MustCLI(0, "query", "consortium", "node-allowed", nodeID, "-o", "json")
	require.NotContains(t, allowed, `"allowed":true`)

	// Governance registers it as an observer node: it connects and syncs.
	net.Tx("member0", "tx", "consortium", "register-observer", nodeID, net.Address("alice"), "auditor full node",
		"--deposit", "10000000umsec", "--title", "Auditor node", "--summary", "Let the auditor's node sync")
	for _, m := range []string{"member0", "member1", "member2"} {
		net.Tx(m, "tx", "gov", "vote", "1", "yes")
	}
	net.WaitFor("the proposal to pass", 60*time.Second, func() bool {
		out, err := net.CLI(0, "query", "gov", "proposal", "1", "-o", "json")
		return err == nil && containsStatus(out, "PROPOSAL_STATUS_PASSED")
	})
	net.WaitFor("node4 to sync", 120*time.Second, func() bool {
		st, ok := net.Status(4)
		return ok && st.Peers > 0 && st.Height >= net.Height(0)-2
	})
}

func balance(t *testing.T, net *Localnet, node int, addr string) int64 {
	t.Helper()
	out := net.MustCLI(node, "query", "bank", "balance", addr, "umsec", "-o", "json")
	var res struct {
		Balance struct {
			Amount json.Number `json:"amount"`
		} `json:"balance"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	n, err := res.Balance.Amount.Int64()
	require.NoError(t, err)
	return n
}

func containsStatus(out, status string) bool {
	var res struct {
		Proposal struct {
			Status string `json:"status"`
		} `json:"proposal"`
	}
	return json.Unmarshal([]byte(out), &res) == nil && res.Proposal.Status == status
}
