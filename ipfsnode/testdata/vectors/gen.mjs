// Computes reference CIDs for ipfsnode's unixfs importer with the JavaScript
// implementation (ipfs-unixfs-importer), which shares no code with boxo.
//
// Parameters are those of `ipfs add --cid-version=1` in kubo: CIDv1, raw
// leaves, fixed 256 KiB chunks, balanced layout with at most 174 links per
// node, single-chunk files reduced to their raw leaf.
//
// File contents come from a generator that is trivial to repeat in Go
// (ipfsnode/vectors_test.go): the concatenation of SHA-256(name || k) for
// k = 0, 1, 2, ... as a big-endian uint64, cut to the file's size.
//
// Run: npm ci && npm run gen   (writes vectors.json)
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

const KiB = 1024
const MiB = 1024 * KiB
const chunkSize = 256 * KiB
const maxLinks = 174

const files = [
  { name: 'empty', size: 0 },
  { name: 'one-block', size: 1000 },
  { name: 'exactly-one-chunk', size: chunkSize },
  { name: 'one-chunk-plus-one', size: chunkSize + 1 },
  { name: 'five-mib', size: 5 * MiB },
  { name: 'exactly-174-chunks', size: maxLinks * chunkSize },
  { name: '175-chunks', size: maxLinks * chunkSize + 1 },
  { name: 'forty-five-mib-and-change', size: 45 * MiB + 12345 }
]

// content yields the file's bytes in 1 MiB pieces so the importer sees a
// stream, as it would from a file.
async function * content (name, size) {
  const piece = new Uint8Array(MiB)
  let filled = 0
  let produced = 0
  for (let k = 0n; produced < size; k++) {
    const counter = Buffer.alloc(8)
    counter.writeBigUInt64BE(k)
    const digest = createHash('sha256').update(name, 'utf8').update(counter).digest()
    const take = Math.min(digest.length, size - produced)
    piece.set(digest.subarray(0, take), filled)
    filled += take
    produced += take
    if (filled === piece.length) {
      yield piece.slice()
      filled = 0
    }
  }
  if (filled > 0) {
    yield piece.slice(0, filled)
  }
}

const importerVersion = JSON.parse(readFileSync(
  new URL('./node_modules/ipfs-unixfs-importer/package.json', import.meta.url))).version

const vectors = []
for (const { name, size } of files) {
  const blockstore = new MemoryBlockstore()
  let root
  for await (const entry of importer([{ content: content(name, size) }], blockstore, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize }),
    layout: balanced({ maxChildrenPerNode: maxLinks })
  })) {
    root = entry
  }
  let blocks = 0
  for await (const _ of blockstore.getAll()) { // eslint-disable-line no-unused-vars
    blocks++
  }
  vectors.push({ name, size, cid: root.cid.toString(), blocks })
}

console.log(JSON.stringify({
  source: `ipfs-unixfs-importer ${importerVersion} (JavaScript, npm) via ipfsnode/testdata/vectors/gen.mjs on node ${process.version}`,
  parameters: 'cidVersion 1, rawLeaves, fixedSize 262144, balanced maxChildrenPerNode 174, reduceSingleLeafToSelf',
  content: 'concatenation of SHA-256(utf8(name) || uint64_be(k)) for k = 0, 1, ..., cut to size',
  vectors
}, null, 2))
