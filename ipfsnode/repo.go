package ipfsnode

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/exchange"
	"github.com/ipfs/boxo/ipld/merkledag"
	ipfspinner "github.com/ipfs/boxo/pinning/pinner"
	"github.com/ipfs/boxo/pinning/pinner/dsindex"
	"github.com/ipfs/boxo/pinning/pinner/dspinner"
	ds "github.com/ipfs/go-datastore"
	leveldb "github.com/ipfs/go-ds-leveldb"
	ipld "github.com/ipfs/go-ipld-format"
	"github.com/syndtr/goleveldb/leveldb/filter"
	"github.com/syndtr/goleveldb/leveldb/opt"
)

// pinReasonsKey is where the reasons behind each pin live, beside the
// pinner's own /pins namespace in the same datastore.
var pinReasonsKey = ds.NewKey("/msec/pin-reasons")

// Repo is a node's IPFS storage: a persistent blockstore, pins with their
// reasons, and garbage collection. Opened alone (OpenRepo) it works
// offline; inside a running Node it fetches missing blocks over bitswap.
type Repo struct {
	dir       string
	datastore *leveldb.Datastore
	blocks    *quotaBlockstore
	gcLocker  blockstore.GCLocker

	// blockService and dag fetch missing blocks through the exchange, when
	// there is one; localDAG never leaves this node (GC, gateway).
	blockService blockservice.BlockService
	dag          ipld.DAGService
	localBlocks  blockservice.BlockService
	localDAG     ipld.DAGService

	pinner  ipfspinner.Pinner
	reasons dsindex.Indexer
	pinMu   sync.Mutex // orders updates of pinner and reasons
}

// OpenRepo opens the repo in dir, creating it if needed, for use without a
// running node: content missing locally is reported as not found. A
// storageLimit of 0 means no limit.
func OpenRepo(ctx context.Context, dir string, storageLimit uint64) (*Repo, error) {
	r, err := openStorage(ctx, dir, storageLimit)
	if err != nil {
		return nil, err
	}
	if err := r.attachExchange(ctx, nil); err != nil {
		return nil, errors.Join(err, r.Close())
	}
	return r, nil
}

// openStorage opens the datastore and blockstore; attachExchange must
// follow before the repo is used.
func openStorage(ctx context.Context, dir string, storageLimit uint64) (*Repo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create ipfs repo: %w", err)
	}
	store, err := leveldb.NewDatastore(dir, &leveldb.Options{
		// Blocks are ciphertext: compressing them only costs CPU.
		Compression: opt.NoCompression,
		// Values are blocks of up to 256 KiB, not small records: larger
		// memtables, tables and levels than the defaults (4 MiB, 2 MiB,
		// 10 MiB) keep compaction from rewriting each block many times.
		WriteBuffer:         64 << 20,
		CompactionTableSize: 32 << 20,
		CompactionTotalSize: 512 << 20,
		// Asking for a block this node lacks (a pin of content another
		// member holds, the quota layer's presence check) would otherwise
		// read a table of every level.
		Filter: filter.NewBloomFilter(10),
	})
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, fmt.Errorf("%w: %s is open elsewhere (is msecd start running? then use the admin API)", ErrRepoLocked, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("open ipfs repo %s: %w", dir, err)
	}
	usage, err := loadUsage(ctx, store)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open ipfs repo %s: %w", dir, err), store.Close())
	}
	// The quota layer already skips blocks that are present, so the
	// blockstore need not check again.
	base := blockstore.NewBlockstore(store, blockstore.WriteThrough(true))
	return &Repo{
		dir:       dir,
		datastore: store,
		blocks:    newQuotaBlockstore(&blockstore.ValidatingBlockstore{Blockstore: base}, storageLimit, usage),
		gcLocker:  blockstore.NewGCLocker(),
		reasons:   dsindex.New(store, pinReasonsKey),
	}, nil
}

func (r *Repo) attachExchange(ctx context.Context, exch exchange.Interface) error {
	r.blockService = blockservice.New(r.blocks, exch, blockservice.WriteThrough(true))
	r.dag = merkledag.NewDAGService(r.blockService)
	r.localBlocks = blockservice.New(r.blocks, nil, blockservice.WriteThrough(true))
	r.localDAG = merkledag.NewDAGService(r.localBlocks)
	pinner, err := dspinner.New(ctx, r.datastore, r.dag)
	if err != nil {
		return fmt.Errorf("open pins: %w", err)
	}
	r.pinner = pinner
	return r.dropPinsWithoutReason(ctx)
}

// Dir is the repo's directory.
func (r *Repo) Dir() string { return r.dir }

// Close saves the usage counters and closes the datastore.
func (r *Repo) Close() error {
	var errs []error
	if r.pinner != nil {
		errs = append(errs, r.pinner.Close())
	}
	ctx := context.Background()
	errs = append(errs, saveUsage(ctx, r.datastore, r.blocks.Usage()), r.datastore.Close())
	return errors.Join(errs...)
}
