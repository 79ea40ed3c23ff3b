package cmd

import (
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/companion"
	"github.com/msec-city/msec/ipfsnode"
)

// msecAppConfig is app.toml: the SDK's sections plus msec's own.
type msecAppConfig struct {
	serverconfig.Config `mapstructure:",squash"`

	IPFS      ipfsnode.Config  `mapstructure:"ipfs"`
	Companion companion.Config `mapstructure:"companion"`
	Execution executionConfig  `mapstructure:"execution"`
}

// DefaultMinGasPrices is the default fee floor of a node.
const DefaultMinGasPrices = "0.001" + app.BondDenom

// defaultIndexEvents are the event attributes CometBFT's transaction index
// keeps for a new node (tx.hash and tx.height are always kept): enough to
// find a tx by hash, sender or message type. Indexing every attribute made
// the index 2.5 times the size of the application state under ccdb load,
// and its compactions cost every node CPU on the path of every block; what
// ccdb's events say is in state (records, grants, receipts, the audit
// trail) and queried from there. An explorer node can set index-events = []
// to index everything.
var defaultIndexEvents = []string{"message.sender", "message.action"}

func initAppConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = DefaultMinGasPrices
	// The application state on PebbleDB rather than CometBFT's goleveldb: a
	// ccdb message adds several keys to the IAVL tree, and goleveldb's
	// compactions of those writes cost a node nearly as much CPU as
	// executing the messages (committed ccdb messages per second rose
	// 15-25% on the localnet, bank sends unchanged). A node keeps whatever
	// its app.toml says.
	cfg.AppDBBackend = "pebbledb"
	// No IAVL fast-node index and a smaller IAVL node cache (why: app's
	// NodeIAVL* constants). The index buys faster reads of the latest
	// state, iteration above all (exporting a whole audit trail takes 4-5
	// times as long without it); see docs/consortium.md, "Starting a
	// network".
	cfg.IAVLDisableFastNode = app.NodeIAVLDisableFastNode
	cfg.IAVLCacheSize = app.NodeIAVLCacheSize
	cfg.IndexEvents = defaultIndexEvents
	return serverconfig.DefaultConfigTemplate + ipfsnode.ConfigTemplate + companion.ConfigTemplate + executionConfigTemplate,
		msecAppConfig{Config: *cfg, IPFS: ipfsnode.DefaultConfig(), Companion: companion.DefaultConfig()}
}

// initCometBFTConfig is CometBFT's default with the peer filter on: a node
// only accepts peers on the consortium's on-chain allow-list.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.FilterPeers = true
	cfg.Consensus.TimeoutCommit = 2 * time.Second
	return cfg
}
