package ipfsnode

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/dustin/go-humanize"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// Config is the [ipfs] section of the node's app.toml.
type Config struct {
	// Enabled runs the embedded node inside `msecd start`.
	Enabled bool `mapstructure:"enabled"`
	// ListenAddresses are the libp2p swarm addresses, TCP only: QUIC cannot
	// carry the pre-shared swarm key.
	ListenAddresses []string `mapstructure:"listen_addresses"`
	// SwarmKeyFile is the pre-shared key of the consortium's private swarm,
	// relative to the node's home unless absolute.
	SwarmKeyFile string `mapstructure:"swarm_key_file"`
	// Peers are the other members' nodes, as multiaddrs ending in /p2p/<id>.
	Peers []string `mapstructure:"peers"`
	// GatewayAddress is where the trustless HTTP gateway listens; empty
	// disables it.
	GatewayAddress string `mapstructure:"gateway_address"`
	// APIAddress is where the local admin API (used by `msecd ipfs`)
	// listens; it must be a loopback address. Empty disables it.
	APIAddress string `mapstructure:"api_address"`
	// StorageLimit caps the bytes of blocks the node stores, as "100GiB",
	// "500GB" or a plain number of bytes; "0" means no limit.
	StorageLimit string `mapstructure:"storage_limit"`
}

// DefaultConfig returns the settings a new node starts with: swarm open to
// members (guarded by the swarm key), gateway and admin API on loopback
// only, 100 GiB of storage.
func DefaultConfig() Config {
	return Config{
		Enabled:         true,
		ListenAddresses: []string{"/ip4/0.0.0.0/tcp/4101"},
		SwarmKeyFile:    "config/swarm.key",
		Peers:           []string{},
		GatewayAddress:  "127.0.0.1:8181",
		APIAddress:      "127.0.0.1:5101",
		StorageLimit:    "100GiB",
	}
}

// Validate reports the first setting that cannot work, naming its key.
func (c Config) Validate() error {
	if len(c.ListenAddresses) == 0 {
		return errors.New("ipfs.listen_addresses: at least one address is needed")
	}
	for _, s := range c.ListenAddresses {
		if err := validateListenAddress(s); err != nil {
			return fmt.Errorf("ipfs.listen_addresses: %w", err)
		}
	}
	if strings.TrimSpace(c.SwarmKeyFile) == "" {
		return errors.New("ipfs.swarm_key_file: a private swarm needs a key file")
	}
	if _, err := c.peerInfos(); err != nil {
		return err
	}
	if c.GatewayAddress != "" {
		if _, _, err := net.SplitHostPort(c.GatewayAddress); err != nil {
			return fmt.Errorf("ipfs.gateway_address %q: %w", c.GatewayAddress, err)
		}
	}
	if c.APIAddress != "" {
		if err := validateLoopback(c.APIAddress); err != nil {
			return fmt.Errorf("ipfs.api_address: %w", err)
		}
	}
	if _, err := c.StorageLimitBytes(); err != nil {
		return err
	}
	return nil
}

// StorageLimitBytes parses StorageLimit; 0 means no limit.
func (c Config) StorageLimitBytes() (uint64, error) {
	s := strings.TrimSpace(c.StorageLimit)
	if s == "" {
		return 0, errors.New(`ipfs.storage_limit is empty: give a size such as "100GiB", or "0" for no limit`)
	}
	n, err := humanize.ParseBytes(s)
	if err != nil {
		return 0, fmt.Errorf("ipfs.storage_limit %q: %w", c.StorageLimit, err)
	}
	return n, nil
}

// SwarmKeyPath is the swarm key file for the given node home.
func (c Config) SwarmKeyPath(home string) string {
	return resolveInHome(home, c.SwarmKeyFile)
}

// peerInfos parses Peers, merging addresses given for the same peer.
func (c Config) peerInfos() ([]peer.AddrInfo, error) {
	addrs := make([]ma.Multiaddr, 0, len(c.Peers))
	for _, s := range c.Peers {
		a, err := ma.NewMultiaddr(s)
		if err != nil {
			return nil, fmt.Errorf("ipfs.peers %q: %w", s, err)
		}
		addrs = append(addrs, a)
	}
	infos, err := peer.AddrInfosFromP2pAddrs(addrs...)
	if err != nil {
		return nil, fmt.Errorf("ipfs.peers: each peer needs a /p2p/<peer id> suffix: %w", err)
	}
	return infos, nil
}

func validateListenAddress(s string) error {
	a, err := ma.NewMultiaddr(s)
	if err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	if _, err := a.ValueForProtocol(ma.P_TCP); err != nil {
		return fmt.Errorf("%q: only TCP addresses can be used, since QUIC and WebTransport cannot carry the swarm key", s)
	}
	for _, p := range a.Protocols() {
		if p.Code == ma.P_WS || p.Code == ma.P_WSS {
			return fmt.Errorf("%q: only plain TCP addresses are supported", s)
		}
	}
	return nil
}

// validateLoopback refuses non-loopback hosts: the admin API speaks plain
// HTTP and must not be reachable from other machines.
func validateLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q: the admin API must listen on a loopback address such as 127.0.0.1", addr)
	}
	return nil
}
