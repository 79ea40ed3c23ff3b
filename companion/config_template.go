package companion

// ConfigTemplate renders the [companion] section of app.toml; the template
// data must have a Companion field of type Config (mapstructure:"companion").
const ConfigTemplate = `
###############################################################################
###                   Companion service (CCDB storage)                      ###
###############################################################################

[companion]

# Run the companion service inside "msecd start": uploads and downloads of
# ciphertext and key envelopes, released only as the chain authorizes, and the
# custodian duties (pinning, envelope deletion, erasure attestations).
enabled = {{ .Companion.Enabled }}

# Where the HTTP API listens. Loopback by default: to serve other machines,
# set tls_cert_file/tls_key_file or put a TLS reverse proxy in front.
listen_address = "{{ .Companion.ListenAddress }}"
tls_cert_file = "{{ .Companion.TLSCertFile }}"
tls_key_file = "{{ .Companion.TLSKeyFile }}"

# Largest ciphertext upload, and largest other request body (envelopes).
max_upload_size = "{{ .Companion.MaxUploadSize }}"
max_request_body = "{{ .Companion.MaxRequestBody }}"

# Uploads and downloads in flight at once; more are refused with 503.
max_concurrent_transfers = {{ .Companion.MaxConcurrentTransfers }}

# Longest single transfer; longest wait for content held by other members.
transfer_timeout = "{{ .Companion.TransferTimeout }}"
fetch_timeout = "{{ .Companion.FetchTimeout }}"

# Uploads that no record on chain references are deleted after this.
upload_ttl = "{{ .Companion.UploadTTL }}"

# How far a signed request's timestamp may be from this node's clock.
clock_skew = "{{ .Companion.ClockSkew }}"

# How often the custodian looks for newly committed blocks.
poll_interval = "{{ .Companion.PollInterval }}"

# The member's operator key, which signs erasure attestations
# (MsgAttestErasure). Empty: erasures are carried out but not attested.
# keyring_dir is relative to the node home; empty is the node home.
operator_key = "{{ .Companion.OperatorKey }}"
keyring_backend = "{{ .Companion.KeyringBackend }}"
keyring_dir = "{{ .Companion.KeyringDir }}"

# Gas prices of attestations; empty uses this node's minimum-gas-prices.
gas_prices = "{{ .Companion.GasPrices }}"
`
