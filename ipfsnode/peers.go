package ipfsnode

import (
	"context"
	"fmt"
	"sort"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// Identity is how other members reach this node: its peer ID and full
// swarm addresses (ending in /p2p/<id>), ready for their ipfs.peers.
type Identity struct {
	ID        peer.ID  `json:"id"`
	Addresses []string `json:"addresses"`
}

// PeerStatus is a configured or connected member node.
type PeerStatus struct {
	ID         peer.ID  `json:"id"`
	Addresses  []string `json:"addresses"`
	Configured bool     `json:"configured"`
	Connected  bool     `json:"connected"`
}

// Identity returns the node's peer ID and swarm addresses.
func (n *Node) Identity() Identity {
	addrs, _ := peer.AddrInfoToP2pAddrs(&peer.AddrInfo{ID: n.host.ID(), Addrs: n.host.Addrs()})
	return Identity{ID: n.host.ID(), Addresses: multiaddrStrings(addrs)}
}

// Peers lists the configured peers and any other connected ones, ordered
// by ID.
func (n *Node) Peers() []PeerStatus {
	byID := map[peer.ID]*PeerStatus{}
	for _, info := range n.peering.ListPeers() {
		byID[info.ID] = &PeerStatus{ID: info.ID, Addresses: multiaddrStrings(info.Addrs), Configured: true}
	}
	for _, id := range n.host.Network().Peers() {
		st, ok := byID[id]
		if !ok {
			st = &PeerStatus{ID: id}
			byID[id] = st
		}
		st.Connected = n.host.Network().Connectedness(id) == network.Connected
		if len(st.Addresses) == 0 {
			for _, c := range n.host.Network().ConnsToPeer(id) {
				st.Addresses = append(st.Addresses, c.RemoteMultiaddr().String())
			}
		}
	}
	out := make([]PeerStatus, 0, len(byID))
	for _, st := range byID {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Connect dials a member node now, given a multiaddr ending in /p2p/<id>.
// Configured peers are dialled (and redialled) automatically.
func (n *Node) Connect(ctx context.Context, addr string) error {
	a, err := ma.NewMultiaddr(addr)
	if err != nil {
		return fmt.Errorf("connect %q: %w", addr, err)
	}
	info, err := peer.AddrInfoFromP2pAddr(a)
	if err != nil {
		return fmt.Errorf("connect %q: %w", addr, err)
	}
	if err := n.host.Connect(ctx, *info); err != nil {
		return fmt.Errorf("connect %s: %w", info.ID, err)
	}
	return nil
}

func multiaddrStrings(addrs []ma.Multiaddr) []string {
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = a.String()
	}
	return out
}
