package ipfsnode

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// apiEndpointFile, in the repo directory, tells `msecd ipfs` where the
// running node's admin API listens and the token it wants. It exists only
// while the node runs, and only the home's owner can read it.
const apiEndpointFile = "api.json"

// APIEndpoint is how to reach a running node's admin API.
type APIEndpoint struct {
	Address string `json:"address"`
	Token   string `json:"token"`
}

// ReadAPIEndpoint reads the endpoint a running node wrote in repoDir, or
// returns ErrNoRunningNode.
func ReadAPIEndpoint(repoDir string) (APIEndpoint, error) {
	data, err := os.ReadFile(filepath.Join(repoDir, apiEndpointFile))
	if errors.Is(err, fs.ErrNotExist) {
		return APIEndpoint{}, ErrNoRunningNode
	}
	if err != nil {
		return APIEndpoint{}, fmt.Errorf("read admin API endpoint: %w", err)
	}
	var ep APIEndpoint
	if err := json.Unmarshal(data, &ep); err != nil {
		return APIEndpoint{}, fmt.Errorf("admin API endpoint file %s: %w", filepath.Join(repoDir, apiEndpointFile), err)
	}
	return ep, nil
}

func writeAPIEndpoint(repoDir string, ep APIEndpoint) error {
	data, err := json.Marshal(ep)
	if err != nil {
		return err
	}
	tmp := filepath.Join(repoDir, apiEndpointFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("write admin API endpoint: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(repoDir, apiEndpointFile)); err != nil {
		return fmt.Errorf("write admin API endpoint: %w", err)
	}
	return nil
}

func removeAPIEndpoint(repoDir string) error {
	err := os.Remove(filepath.Join(repoDir, apiEndpointFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func newAPIToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate admin API token: %w", err)
	}
	return hex.EncodeToString(b), nil
}
