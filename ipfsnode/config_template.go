package ipfsnode

// ConfigTemplate renders the [ipfs] section of app.toml in the Cosmos SDK's
// text/template style. Append it to the app config template; the data
// passed to the template must have an IPFS field of type Config
// (mapstructure:"ipfs").
const ConfigTemplate = `
###############################################################################
###                        IPFS (embedded node)                            ###
###############################################################################

[ipfs]

# Run the embedded IPFS node (blockstore, bitswap, trustless gateway) inside
# "msecd start". It stores ciphertext only.
enabled = {{ .IPFS.Enabled }}

# libp2p swarm listen addresses. TCP only: QUIC cannot carry the swarm key.
listen_addresses = [{{ range .IPFS.ListenAddresses }}"{{ . }}", {{ end }}]

# Pre-shared key of the consortium's private swarm (/key/swarm/psk/1.0.0/),
# relative to the node home unless absolute. Only nodes holding the same key
# can connect. Created on first start when missing; replace it with the
# consortium's key ("msecd ipfs swarm-key generate" makes a new one).
swarm_key_file = "{{ .IPFS.SwarmKeyFile }}"

# Other members' nodes, as multiaddrs ending in /p2p/<peer id>
# (see "msecd ipfs id" on each member), e.g.
# ["/dns4/ipfs.member-b.example/tcp/4101/p2p/12D3KooW..."]
peers = [{{ range .IPFS.Peers }}"{{ . }}", {{ end }}]

# Trustless HTTP gateway (application/vnd.ipld.raw and application/vnd.ipld.car
# only) serving the stored ciphertext. Empty disables it.
gateway_address = "{{ .IPFS.GatewayAddress }}"

# Local admin API used by "msecd ipfs" while the node runs. Loopback only.
# Empty disables it.
api_address = "{{ .IPFS.APIAddress }}"

# Most bytes of blocks to store, e.g. "100GiB" or "500GB"; "0" for no limit.
storage_limit = "{{ .IPFS.StorageLimit }}"
`
