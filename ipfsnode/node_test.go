package ipfsnode

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
)

func TestMembersExchangeContentOverBitswap(t *testing.T) {
	key := newSwarmKey(t)
	a := startTestNode(t, testConfig(key))
	b := startTestNode(t, testConfig(key, a.Identity().Addresses[0]))

	data := contentBytes("shared-record", 3<<20+123)
	root := mustAdd(t, a.Repo, data, "record-42")

	// PinLocal never asks peers: B does not have the content yet.
	if _, err := b.PinLocal(timeout(t, 60*time.Second), root, "replica-of-record-42"); !errors.Is(err, ErrContentNotFound) {
		t.Fatalf("PinLocal on B before fetching = %v, want ErrContentNotFound", err)
	}
	if got := b.blocks.Usage(); got.Blocks != 0 {
		t.Fatalf("PinLocal fetched blocks: %+v", got)
	}
	pin, err := b.Pin(timeout(t, 60*time.Second), root, "replica-of-record-42")
	if err != nil {
		t.Fatalf("pin on B (fetching from A): %v", err)
	}
	if len(pin.Reasons) != 1 {
		t.Errorf("reasons on B = %v", pin.Reasons)
	}
	if got, want := b.blocks.Usage(), a.blocks.Usage(); got != want {
		t.Errorf("B stores %+v, A stores %+v", got, want)
	}
	if got := mustCat(t, b.Repo, root); !bytes.Equal(got, data) {
		t.Fatal("B read different bytes than A added")
	}
	if pin, err := b.PinLocal(timeout(t, 5*time.Second), root, "second-reason"); err != nil || len(pin.Reasons) != 2 {
		t.Fatalf("PinLocal of stored content = %+v, %v", pin, err)
	}
	var sawA bool
	for _, p := range b.Peers() {
		if p.ID == a.host.ID() {
			sawA = p.Configured && p.Connected
		}
	}
	if !sawA {
		t.Errorf("B's peers do not show A as configured and connected: %+v", b.Peers())
	}
}

func TestSwarmRefusesNodesWithoutTheKey(t *testing.T) {
	a := startTestNode(t, testConfig(newSwarmKey(t)))
	aAddr := a.Identity().Addresses[0]
	root := mustAdd(t, a.Repo, contentBytes("members-only", 10_000), "r")

	t.Run("no key", func(t *testing.T) {
		h, err := libp2p.New(libp2p.Transport(tcp.NewTCPTransport), libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		info, err := peer.AddrInfoFromP2pAddr(ma.StringCast(aAddr))
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Connect(timeout(t, 5*time.Second), *info); err == nil {
			t.Fatal("a host without the swarm key connected")
		}
	})

	t.Run("other key", func(t *testing.T) {
		c := startTestNode(t, testConfig(newSwarmKey(t), aAddr))
		if err := c.Connect(timeout(t, 5*time.Second), aAddr); err == nil {
			t.Fatal("a node with another swarm key connected")
		}
		if _, err := c.Cat(timeout(t, 2*time.Second), root); !errors.Is(err, ErrContentNotFound) {
			t.Errorf("outsider cat: err = %v, want ErrContentNotFound", err)
		}
	})

	for _, p := range a.Peers() {
		if p.Connected {
			t.Errorf("A is connected to %s, which has no key", p.ID)
		}
	}
}

func TestOnlineCatOfUnknownCIDTimesOut(t *testing.T) {
	n := startTestNode(t, testConfig(newSwarmKey(t)))
	unknown := cid.NewCidV1(cid.Raw, mustHash(t, []byte("nobody has this")))
	_, err := n.Cat(timeout(t, 300*time.Millisecond), unknown)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrContentNotFound) {
		t.Fatalf("err = %v, want a not-found deadline error", err)
	}
	t.Logf("error: %v", err)
}

func TestNodeKeepsIdentityAndContentAcrossRestarts(t *testing.T) {
	home := t.TempDir()
	cfg := testConfig(newSwarmKey(t))
	n, err := Start(context.Background(), cfg, home, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	id := n.Identity().ID
	data := contentBytes("node-restart", 700_000)
	root := mustAdd(t, n.Repo, data, "r")
	if _, err := ReadAPIEndpoint(RepoDir(home)); err != nil {
		t.Fatalf("running node wrote no API endpoint: %v", err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadAPIEndpoint(RepoDir(home)); !errors.Is(err, ErrNoRunningNode) {
		t.Errorf("API endpoint after close: err = %v, want ErrNoRunningNode", err)
	}

	n = startTestNodeAt(t, home, cfg)
	if n.Identity().ID != id {
		t.Errorf("peer ID changed across restart: %s -> %s", id, n.Identity().ID)
	}
	if got := mustCat(t, n.Repo, root); !bytes.Equal(got, data) {
		t.Error("content changed across restart")
	}
}

func TestStartCreatesMissingSwarmKey(t *testing.T) {
	home := t.TempDir()
	cfg := testConfig("config/swarm.key")
	startTestNodeAt(t, home, cfg)
	data, err := os.ReadFile(filepath.Join(home, "config", "swarm.key"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("/key/swarm/psk/1.0.0/\n/base16/\n")) || len(data) != len(swarmKeyHeader)+65 {
		t.Errorf("created swarm key has the wrong format: %q", data)
	}
	if _, err := LoadSwarmKey(filepath.Join(home, "config", "swarm.key")); err != nil {
		t.Error(err)
	}
}

func TestSwarmKeyIsNeverOverwritten(t *testing.T) {
	path := newSwarmKey(t)
	before, _ := os.ReadFile(path)
	if err := GenerateSwarmKey(path); err == nil {
		t.Fatal("generating over an existing swarm key succeeded")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("existing swarm key changed")
	}
}

func TestReplicationPastStorageLimitFails(t *testing.T) {
	key := newSwarmKey(t)
	a := startTestNode(t, testConfig(key))
	cfg := testConfig(key, a.Identity().Addresses[0])
	cfg.StorageLimit = "1MiB"
	b := startTestNode(t, cfg)
	root := mustAdd(t, a.Repo, contentBytes("too-big-to-replicate", 3<<20), "r")

	_, err := b.Pin(timeout(t, 30*time.Second), root, "replica")
	if !errors.Is(err, ErrStorageLimit) {
		t.Fatalf("pin past B's limit: err = %v, want ErrStorageLimit", err)
	}
	if u := b.blocks.Usage(); u.Bytes > 1<<20 {
		t.Errorf("B stores %d bytes, past its 1 MiB limit", u.Bytes)
	}
}
