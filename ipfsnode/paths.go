package ipfsnode

import "path/filepath"

// RepoDir is where a node home keeps its IPFS blocks, pins and admin API
// file.
func RepoDir(home string) string {
	return filepath.Join(home, "data", "ipfs")
}

// IdentityKeyPath is the node's libp2p private key, beside CometBFT's own
// node key.
func IdentityKeyPath(home string) string {
	return filepath.Join(home, "config", "ipfs_node_key")
}

// resolveInHome makes a configured path absolute against the node home.
func resolveInHome(home, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(home, path)
}
