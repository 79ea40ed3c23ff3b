// Package ipfsnode is the IPFS node embedded in msecd. It stores only
// ciphertext, and composes boxo's packages rather than wrapping them:
//
//   - storage: a LevelDB datastore (go-ds-leveldb) under <home>/data/ipfs,
//     boxo's blockstore with its hash-checking ValidatingBlockstore, and a
//     quota layer that counts blocks and bytes and enforces the storage
//     limit;
//   - import: boxo's unixfs balanced importer with kubo's
//     `ipfs add --cid-version=1` parameters (CIDv1, raw leaves, 256 KiB
//     chunks, 174 links per node), checked against CIDs computed by the
//     independent JavaScript importer (testdata/vectors);
//   - pins: boxo's dspinner holds the recursive pins that GC keeps; a
//     dsindex records the reasons (usually record IDs) behind each pin, and
//     content stays pinned while any reason remains;
//   - network: a go-libp2p host on a private swarm (pre-shared key, TCP
//     only), boxo's bitswap for exchanging blocks with the member nodes,
//     and boxo's peering service to keep the configured members connected;
//   - HTTP: boxo's gateway as a trustless gateway (raw blocks and CARs) over
//     the local blockstore, and a small admin API on loopback for the
//     `msecd ipfs` commands (package cli).
//
// Repo is the storage alone (OpenRepo, offline); Node is a running node
// (Start) that embeds its Repo.
package ipfsnode
