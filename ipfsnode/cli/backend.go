package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/msec-city/msec/ipfsnode"
)

// backend is what the commands need from a node, running or not.
type backend interface {
	Add(ctx context.Context, data io.Reader, reason string) (cid.Cid, error)
	Cat(ctx context.Context, root cid.Cid) (io.ReadCloser, int64, error)
	Pin(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error)
	Unpin(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error)
	Pins(ctx context.Context) ([]ipfsnode.Pin, error)
	GC(ctx context.Context) (ipfsnode.GCResult, error)
	Stat(ctx context.Context) (ipfsnode.Stat, error)
	Identity(ctx context.Context) (ipfsnode.Identity, error)
	Peers(ctx context.Context) ([]ipfsnode.PeerStatus, error)
	Close() error
}

// probeTimeout bounds the check that a node found in the endpoint file
// still answers.
const probeTimeout = 3 * time.Second

// openBackend returns the running node's API client or, when no node runs
// (or --offline), the repo opened directly.
func openBackend(cmd *cobra.Command) (backend, error) {
	home, _ := cmd.Flags().GetString(flagHome)
	offline, _ := cmd.Flags().GetBool(flagOffline)
	if offline {
		return openOffline(cmd.Context(), home)
	}
	client, err := ipfsnode.DialAPI(home)
	if errors.Is(err, ipfsnode.ErrNoRunningNode) {
		return openOffline(cmd.Context(), home)
	}
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), probeTimeout)
	defer cancel()
	if _, probeErr := client.Identity(ctx); probeErr != nil {
		// The endpoint file may be left over from a crash: if the repo
		// is free, no node runs.
		b, err := openOffline(cmd.Context(), home)
		if err != nil {
			return nil, fmt.Errorf("the running node does not answer (%v), and the repo cannot be opened: %w", probeErr, err)
		}
		return b, nil
	}
	return onlineBackend{client}, nil
}

type onlineBackend struct{ *ipfsnode.APIClient }

func (onlineBackend) Close() error { return nil }

// offlineBackend is the repo opened by the command itself.
type offlineBackend struct {
	*ipfsnode.Repo
	home string
}

func openOffline(ctx context.Context, home string) (backend, error) {
	cfg, err := readConfig(home)
	if err != nil {
		return nil, err
	}
	limit, err := cfg.StorageLimitBytes()
	if err != nil {
		return nil, err
	}
	repo, err := ipfsnode.OpenRepo(ctx, ipfsnode.RepoDir(home), limit)
	if err != nil {
		return nil, err
	}
	return offlineBackend{Repo: repo, home: home}, nil
}

func (b offlineBackend) Cat(ctx context.Context, root cid.Cid) (io.ReadCloser, int64, error) {
	r, err := b.Repo.Cat(ctx, root)
	if err != nil {
		return nil, 0, err
	}
	return r, int64(r.Size()), nil
}

func (b offlineBackend) Identity(context.Context) (ipfsnode.Identity, error) {
	id, err := ipfsnode.PeerIDFromHome(b.home)
	return ipfsnode.Identity{ID: id, Addresses: []string{}}, err
}

func (offlineBackend) Peers(context.Context) ([]ipfsnode.PeerStatus, error) {
	return nil, errors.New("no running node: peers are known only while msecd start runs")
}
