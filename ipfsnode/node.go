package ipfsnode

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"cosmossdk.io/log/v2"
	"github.com/ipfs/boxo/bitswap"
	"github.com/ipfs/boxo/bitswap/network/bsnet"
	"github.com/ipfs/boxo/peering"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/pnet"
)

// Node is a running IPFS node: the repo, plus the private swarm, bitswap
// with the member nodes, the trustless gateway and the admin API. Its Repo
// methods (Add, Cat, Pin, Unpin, Pins, GC, Stat) fetch missing blocks from
// peers.
type Node struct {
	*Repo
	logger log.Logger

	host    host.Host
	bitswap *bitswap.Bitswap
	peering *peering.PeeringService
	gateway *httpService
	api     *httpService

	// stop ends background work (first dials) when the node closes.
	stop     context.CancelFunc
	stopping context.Context

	closeOnce sync.Once
	closeErr  error
}

// Start runs the node for the home directory: repo in <home>/data/ipfs,
// identity in <home>/config/ipfs_node_key, the swarm key where cfg says
// (created if missing). ctx bounds startup only; the node runs until
// Close.
func Start(ctx context.Context, cfg Config, home string, logger log.Logger) (*Node, error) {
	if !cfg.Enabled {
		return nil, errors.New("ipfs node is disabled (ipfs.enabled = false)")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	limit, _ := cfg.StorageLimitBytes()
	peers, _ := cfg.peerInfos()

	keyPath := cfg.SwarmKeyPath(home)
	psk, created, err := loadOrCreateSwarmKey(keyPath)
	if err != nil {
		return nil, err
	}
	if created {
		logger.Warn("created a new ipfs swarm key; this node is alone in its private swarm until the consortium's key replaces it", "path", keyPath)
	}
	identity, err := loadOrCreateIdentity(IdentityKeyPath(home))
	if err != nil {
		return nil, err
	}
	repo, err := openStorage(ctx, RepoDir(home), limit)
	if err != nil {
		return nil, err
	}

	n := &Node{Repo: repo, logger: logger}
	n.stopping, n.stop = context.WithCancel(context.Background())
	if err := n.startSwarm(ctx, cfg.ListenAddresses, identity, psk, peers); err != nil {
		return nil, errors.Join(err, n.Close())
	}
	if err := n.startHTTP(cfg.GatewayAddress, cfg.APIAddress); err != nil {
		return nil, errors.Join(err, n.Close())
	}
	logger.Info("ipfs node started", "peer_id", n.host.ID().String(), "swarm", n.host.Addrs(),
		"gateway", n.GatewayAddr(), "api", n.APIAddr(), "configured_peers", len(peers))
	return n, nil
}

func (n *Node) startSwarm(ctx context.Context, listen []string, identity crypto.PrivKey, psk pnet.PSK, peers []peer.AddrInfo) error {
	h, err := newHost(listen, identity, psk)
	if err != nil {
		return err
	}
	n.host = h
	// Without content routing, wants go to connected peers: the members.
	n.bitswap = bitswap.New(context.Background(), bsnet.NewFromIpfsHost(h), nil, n.blocks)
	if err := n.attachExchange(ctx, n.bitswap); err != nil {
		return err
	}
	// The peering service keeps the configured members connected and
	// redials them with backoff.
	n.peering = peering.NewPeeringService(h)
	for _, p := range peers {
		n.peering.AddPeer(p)
	}
	if err := n.peering.Start(); err != nil {
		return fmt.Errorf("start peering: %w", err)
	}
	n.dialNow(peers)
	return nil
}

// dialNow connects to the configured peers at once: the peering service
// waits 5 to 15 seconds before its first attempt, and only takes over the
// redialling after that.
func (n *Node) dialNow(peers []peer.AddrInfo) {
	for _, p := range peers {
		go func() {
			ctx, cancel := context.WithTimeout(n.stopping, 30*time.Second)
			defer cancel()
			if err := n.host.Connect(ctx, p); err != nil {
				n.logger.Info("ipfs peer not reachable yet; will retry", "peer", p.ID.String(), "err", err)
			}
		}()
	}
}

func (n *Node) startHTTP(gatewayAddr, apiAddr string) error {
	if gatewayAddr != "" {
		handler, err := newGatewayHandler(n.localBlocks)
		if err != nil {
			return err
		}
		if n.gateway, err = serveHTTP("ipfs gateway", gatewayAddr, handler, n.logger); err != nil {
			return err
		}
	}
	if apiAddr != "" {
		token, err := newAPIToken()
		if err != nil {
			return err
		}
		if n.api, err = serveHTTP("ipfs admin API", apiAddr, newAPIHandler(n, token), n.logger); err != nil {
			return err
		}
		if err := writeAPIEndpoint(n.dir, APIEndpoint{Address: n.api.Addr(), Token: token}); err != nil {
			return err
		}
	}
	return nil
}

// GatewayAddr is where the gateway listens, or "" when disabled.
func (n *Node) GatewayAddr() string {
	if n.gateway == nil {
		return ""
	}
	return n.gateway.Addr()
}

// APIAddr is where the admin API listens, or "" when disabled.
func (n *Node) APIAddr() string {
	if n.api == nil {
		return ""
	}
	return n.api.Addr()
}

// Close stops serving, leaves the swarm and closes the repo. It is safe to
// call more than once.
func (n *Node) Close() error {
	n.closeOnce.Do(func() {
		n.stop()
		var errs []error
		if n.api != nil {
			errs = append(errs, removeAPIEndpoint(n.dir), n.api.Close())
		}
		if n.gateway != nil {
			errs = append(errs, n.gateway.Close())
		}
		if n.peering != nil {
			n.peering.Stop()
		}
		if n.bitswap != nil {
			errs = append(errs, n.bitswap.Close())
		}
		if n.host != nil {
			errs = append(errs, n.host.Close())
		}
		errs = append(errs, n.Repo.Close())
		n.closeErr = errors.Join(errs...)
	})
	return n.closeErr
}
