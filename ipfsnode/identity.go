package ipfsnode

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

// loadOrCreateIdentity returns the node's libp2p key, creating an Ed25519
// key on first use. The peer ID derived from it is what other members put
// in their ipfs.peers, so it must survive restarts.
func loadOrCreateIdentity(path string) (crypto.PrivKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createIdentity(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read ipfs identity: %w", err)
	}
	key, err := crypto.UnmarshalPrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("ipfs identity %s: %w", path, err)
	}
	return key, nil
}

func createIdentity(path string) (crypto.PrivKey, error) {
	key, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		return nil, fmt.Errorf("generate ipfs identity: %w", err)
	}
	data, err := crypto.MarshalPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode ipfs identity: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store ipfs identity: %w", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("store ipfs identity: %w", err)
	}
	return key, nil
}

// PeerIDFromHome reads the peer ID of the node whose home this is, without
// starting it.
func PeerIDFromHome(home string) (peer.ID, error) {
	key, err := loadOrCreateIdentity(IdentityKeyPath(home))
	if err != nil {
		return "", err
	}
	return peer.IDFromPrivateKey(key)
}
