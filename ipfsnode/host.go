package ipfsnode

import (
	"fmt"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/pnet"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
)

// newHost starts the libp2p host of the consortium's private swarm: TCP
// only (the pre-shared key protects the raw connection, which QUIC does
// not allow), no relays, no NAT port mapping.
func newHost(listen []string, key crypto.PrivKey, psk pnet.PSK) (host.Host, error) {
	h, err := libp2p.New(
		libp2p.Identity(key),
		libp2p.PrivateNetwork(psk),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.ListenAddrStrings(listen...),
		libp2p.DisableRelay(),
		libp2p.UserAgent("msecd"),
	)
	if err != nil {
		return nil, fmt.Errorf("start ipfs swarm: %w", err)
	}
	return h, nil
}
