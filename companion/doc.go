// Package companion is the companion service every consortium member runs
// inside `msecd start`: an HTTP API next to the node, with the node's
// embedded IPFS node as its store. It never reaches into keepers: it reads
// the chain through its node's gRPC and RPC like any client.
//
//   - Uploads: owners upload ciphertext (streamed, size-limited) and key
//     envelopes. Envelopes are stored as raw IPFS blocks, so an envelope's
//     CID is derived from the commitment the chain holds and any custodian
//     can fetch it over bitswap from the member that received it. Uploads no
//     record references are garbage-collected after upload_ttl.
//   - Downloads: ciphertext and the caller's envelope are released only to a
//     record's owner, or to a reader whose committed read receipt authorizes
//     it now (the chain's ReleaseAuthorization query), and only the envelope
//     whose SHA-256 the chain names.
//   - Authentication: every request but /v1/info is signed with the caller's
//     account key (package requestauth).
//   - Custodian duties: a follower processes committed blocks in order
//     (persisting its cursor) and pins what live records need, deletes
//     envelopes when grants end, and on erasure unpins and garbage-collects a
//     record's blocks and envelopes, then attests with the node operator's
//     key (MsgAttestErasure).
//
// docs/ccdb.md documents the API, the authentication scheme and the
// [companion] configuration.
package companion
