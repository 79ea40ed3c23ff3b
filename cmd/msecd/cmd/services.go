package cmd

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"

	"github.com/msec-city/msec/ipfsnode"
)

// startOffChainServices runs the services msecd hosts next to the chain, on
// the node's context: they stop when the node stops.
func startOffChainServices(svrCtx *server.Context, _ client.Context, ctx context.Context, g *errgroup.Group) error {
	cfg, err := ipfsnode.ConfigFromAppOptions(svrCtx.Viper)
	if err != nil {
		return fmt.Errorf("app.toml [ipfs]: %w", err)
	}
	if !cfg.Enabled {
		svrCtx.Logger.Info("embedded IPFS node disabled in app.toml")
		return nil
	}
	node, err := ipfsnode.Start(ctx, cfg, svrCtx.Config.RootDir, svrCtx.Logger.With("module", "ipfs"))
	if err != nil {
		return fmt.Errorf("starting the embedded IPFS node: %w", err)
	}
	g.Go(func() error {
		<-ctx.Done()
		return node.Close()
	})
	return nil
}
