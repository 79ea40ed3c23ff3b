package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"

	"github.com/msec-city/msec/companion"
	"github.com/msec-city/msec/ipfsnode"
)

// startCompanion starts the companion service as a client of this node:
// the SDK's client context (its gRPC and in-process CometBFT clients), or
// the node's RPC when the API and gRPC servers are both off.
func startCompanion(ctx context.Context, svrCtx *server.Context, clientCtx client.Context, cfg companion.Config, node *ipfsnode.Node) (*companion.Running, error) {
	settings, err := cfg.Parse()
	if err != nil {
		return nil, fmt.Errorf("app.toml [companion]: %w", err)
	}
	if clientCtx.Client == nil {
		rpc, err := rpchttp.New(svrCtx.Config.RPC.ListenAddress, "/websocket")
		if err != nil {
			return nil, fmt.Errorf("companion: connecting to the node's RPC: %w", err)
		}
		clientCtx = clientCtx.WithClient(rpc)
	}
	chain, err := companion.NewNodeChain(clientCtx)
	if err != nil {
		return nil, err
	}
	status, err := chain.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("companion: %w", err)
	}
	home := svrCtx.Config.RootDir
	logger := svrCtx.Logger.With("module", "companion")
	deps := companion.Deps{Chain: chain, Store: node, StateDir: filepath.Join(home, "data", "companion"), Logger: logger}
	if settings.OperatorKey != "" {
		gasPrices := settings.GasPrices
		if gasPrices == "" {
			gasPrices = svrCtx.Viper.GetString(server.FlagMinGasPrices)
		}
		keyringDir := settings.KeyringDir
		if !filepath.IsAbs(keyringDir) {
			keyringDir = filepath.Join(home, keyringDir)
		}
		deps.Attester, err = companion.NewOperatorAttester(clientCtx, status.ChainID, companion.OperatorKey{
			Name: settings.OperatorKey, KeyringBackend: settings.KeyringBackend, KeyringDir: keyringDir, GasPrices: gasPrices,
		}, os.Stdin)
		if err != nil {
			return nil, err
		}
	} else {
		logger.Warn("no companion.operator_key: this node carries out erasures and queues their attestations until a key is configured")
	}
	svc, err := companion.New(ctx, settings, deps)
	if err != nil {
		return nil, err
	}
	running, err := svc.Start(ctx)
	if err != nil {
		return nil, errors.Join(err, svc.Close())
	}
	return running, nil
}
