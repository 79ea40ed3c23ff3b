package ipfsnode

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/libp2p/go-libp2p/core/pnet"
)

// swarmKeyHeader is the standard v1 swarm.key format that go-libp2p's pnet
// (and kubo) read: a 32-byte key in base16.
const swarmKeyHeader = "/key/swarm/psk/1.0.0/\n/base16/\n"

// GenerateSwarmKey writes a new random swarm key to path (mode 0600). It
// refuses to overwrite an existing file, since replacing the key cuts the
// node off from the consortium.
func GenerateSwarmKey(path string) error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("generate swarm key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("generate swarm key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("generate swarm key: %w", err)
	}
	_, werr := f.WriteString(swarmKeyHeader + hex.EncodeToString(key) + "\n")
	return errors.Join(werr, f.Close())
}

// LoadSwarmKey reads a swarm key file in the /key/swarm/psk/1.0.0/ format.
func LoadSwarmKey(path string) (pnet.PSK, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read swarm key: %w", err)
	}
	defer f.Close()
	psk, err := pnet.DecodeV1PSK(f)
	if err != nil {
		return nil, fmt.Errorf("swarm key %s: %w", path, err)
	}
	return psk, nil
}

// loadOrCreateSwarmKey loads the configured key, creating one first when
// the file does not exist, so a new node forms a private swarm of its own
// until the operator installs the consortium's key.
func loadOrCreateSwarmKey(path string) (psk pnet.PSK, created bool, err error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := GenerateSwarmKey(path); err != nil {
			return nil, false, err
		}
		created = true
	}
	psk, err = LoadSwarmKey(path)
	return psk, created, err
}
