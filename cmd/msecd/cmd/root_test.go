package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	cmtcli "github.com/cometbft/cometbft/libs/cli"
	"github.com/stretchr/testify/require"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/cmd/msecd/cmd"
)

func init() { app.SetAddressPrefixes() }

// run executes msecd with args on a fresh command tree, as the binary does.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := cmd.NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	// The binary's executor adds the persistent --home and logging flags.
	executor := cmtcli.PrepareBaseCmd(root, "MSECD", t.TempDir())
	err := executor.ExecuteContext(svrcmd.CreateExecuteContext(context.Background()))
	return out.String(), err
}

func TestCommandTreeBuilds(t *testing.T) {
	// Autocli panics on conflicting flags or descriptors: building the tree
	// catches that before a user does.
	root := cmd.NewRootCmd()
	for _, path := range [][]string{
		{"query", "consortium", "members"},
		{"tx", "consortium", "add-member"},
		{"genesis", "add-member"},
		{"ipfs", "add"},
		{"anonymize"},
	} {
		c, _, err := root.Find(path)
		require.NoError(t, err, "%v", path)
		require.Equal(t, path[len(path)-1], c.Name())
	}
}

func TestGenesisAddMember(t *testing.T) {
	home := t.TempDir()
	_, err := run(t, "init", "node0", "--chain-id", "test-chain", "--home", home)
	require.NoError(t, err)
	_, err = run(t, "keys", "add", "op", "--keyring-backend", "test", "--home", home)
	require.NoError(t, err)

	// A genesis without members is refused, and says why.
	_, err = run(t, "genesis", "validate", "--home", home)
	require.ErrorContains(t, err, "no members")

	_, err = run(t, "genesis", "add-member", "City Office", "op", "--power", "10",
		"--keyring-backend", "test", "--home", home)
	require.NoError(t, err)
	_, err = run(t, "genesis", "validate", "--home", home)
	require.NoError(t, err)

	members := consortiumMembers(t, home)
	require.Len(t, members, 1)
	require.Equal(t, "City Office", members[0]["name"])

	// The same node cannot be added twice; the file is left as it was.
	_, err = run(t, "genesis", "add-member", "Copycat", "op", "--home", home, "--keyring-backend", "test")
	require.ErrorContains(t, err, "not added")
	require.Len(t, consortiumMembers(t, home), 1)

	_, err = run(t, "genesis", "add-member", "Bad key", "op", "--consensus-pubkey", "AAEC",
		"--node-id", "0123456789abcdef0123456789abcdef01234567", "--home", home, "--keyring-backend", "test")
	require.ErrorContains(t, err, "ed25519 key must be 32 bytes")
}

func consortiumMembers(t *testing.T, home string) []map[string]any {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join(home, "config", "genesis.json"))
	require.NoError(t, err)
	var gen struct {
		AppState struct {
			Consortium struct {
				Members []map[string]any `json:"members"`
			} `json:"consortium"`
		} `json:"app_state"`
	}
	require.NoError(t, json.Unmarshal(bz, &gen))
	return gen.AppState.Consortium.Members
}

// A new node's config files carry msec's defaults: the peer filter on, the
// application state on PebbleDB without IAVL's fast-node index, and blocks
// executed after the vote.
func TestNewNodeConfig(t *testing.T) {
	home := t.TempDir()
	_, err := run(t, "init", "node0", "--chain-id", "test-chain", "--home", home)
	require.NoError(t, err)
	appToml, err := os.ReadFile(filepath.Join(home, "config", "app.toml"))
	require.NoError(t, err)
	require.Contains(t, string(appToml), `app-db-backend = "pebbledb"`)
	require.Contains(t, string(appToml), "\niavl-disable-fastnode = true\n")
	require.Contains(t, string(appToml), "\niavl-cache-size = 50000\n")
	require.Contains(t, string(appToml), `index-events = ["message.sender", "message.action", ]`)
	require.Contains(t, string(appToml), "[execution]\n")
	require.Contains(t, string(appToml), "\noptimistic = false\n")
	cfgToml, err := os.ReadFile(filepath.Join(home, "config", "config.toml"))
	require.NoError(t, err)
	require.Contains(t, string(cfgToml), "filter_peers = true")
}
