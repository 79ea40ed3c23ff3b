package cmd

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"

	"github.com/msec-city/msec/companion"
	"github.com/msec-city/msec/ipfsnode"
)

// startOffChainServices runs the services msecd hosts next to the chain, on
// the node's context: the embedded IPFS node, then the companion service on
// top of it. They stop when the node stops, the companion first.
func startOffChainServices(svrCtx *server.Context, clientCtx client.Context, ctx context.Context, g *errgroup.Group) error {
	ipfsCfg, err := ipfsnode.ConfigFromAppOptions(svrCtx.Viper)
	if err != nil {
		return fmt.Errorf("app.toml [ipfs]: %w", err)
	}
	compCfg, err := companion.ConfigFromAppOptions(svrCtx.Viper)
	if err != nil {
		return fmt.Errorf("app.toml [companion]: %w", err)
	}
	if !ipfsCfg.Enabled {
		svrCtx.Logger.Info("embedded IPFS node disabled in app.toml")
		if compCfg.Enabled {
			return errors.New("app.toml: the companion service stores its data in the embedded IPFS node; enable [ipfs] or disable [companion]")
		}
		return nil
	}
	node, err := ipfsnode.Start(ctx, ipfsCfg, svrCtx.Config.RootDir, svrCtx.Logger.With("module", "ipfs"))
	if err != nil {
		return fmt.Errorf("starting the embedded IPFS node: %w", err)
	}
	var running *companion.Running
	if compCfg.Enabled {
		if running, err = startCompanion(ctx, svrCtx, clientCtx, compCfg, node); err != nil {
			node.Close()
			return err
		}
	} else {
		svrCtx.Logger.Info("companion service disabled in app.toml")
	}
	g.Go(func() error {
		<-ctx.Done()
		var errs []error
		if running != nil {
			errs = append(errs, running.Close())
		}
		return errors.Join(append(errs, node.Close())...)
	})
	return nil
}
