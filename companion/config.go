package companion

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

// Config is the [companion] section of the node's app.toml. Sizes are
// strings such as "1GiB", durations strings such as "10m".
type Config struct {
	// Enabled runs the service inside `msecd start`.
	Enabled bool `mapstructure:"enabled"`
	// ListenAddress is where the HTTP API listens.
	ListenAddress string `mapstructure:"listen_address"`
	// TLSCertFile and TLSKeyFile, when both set, serve HTTPS.
	TLSCertFile string `mapstructure:"tls_cert_file"`
	TLSKeyFile  string `mapstructure:"tls_key_file"`
	// MaxUploadSize bounds one ciphertext upload.
	MaxUploadSize string `mapstructure:"max_upload_size"`
	// MaxRequestBody bounds every other body (envelopes).
	MaxRequestBody string `mapstructure:"max_request_body"`
	// MaxConcurrentTransfers bounds uploads and downloads in flight.
	MaxConcurrentTransfers int `mapstructure:"max_concurrent_transfers"`
	// TransferTimeout bounds one upload or download.
	TransferTimeout string `mapstructure:"transfer_timeout"`
	// FetchTimeout bounds fetching content from other members.
	FetchTimeout string `mapstructure:"fetch_timeout"`
	// UploadTTL is how long an upload no record references is kept.
	UploadTTL string `mapstructure:"upload_ttl"`
	// ClockSkew is how far a signed request's timestamp may be from ours.
	ClockSkew string `mapstructure:"clock_skew"`
	// PollInterval is how often the custodian looks for new blocks.
	PollInterval string `mapstructure:"poll_interval"`
	// OperatorKey names the key (in KeyringBackend/KeyringDir) that signs
	// erasure attestations: the member's operator account. Empty: erasures
	// are carried out but not attested.
	OperatorKey    string `mapstructure:"operator_key"`
	KeyringBackend string `mapstructure:"keyring_backend"`
	// KeyringDir is relative to the node home unless absolute; empty is the
	// node home itself.
	KeyringDir string `mapstructure:"keyring_dir"`
	// GasPrices for attestations; empty uses the node's minimum-gas-prices.
	GasPrices string `mapstructure:"gas_prices"`
}

// DefaultConfig is on, listening on loopback only (put TLS or a reverse
// proxy in front to serve other machines).
func DefaultConfig() Config {
	return Config{
		Enabled:                true,
		ListenAddress:          "127.0.0.1:8282",
		MaxUploadSize:          "1GiB",
		MaxRequestBody:         "64KiB",
		MaxConcurrentTransfers: 16,
		TransferTimeout:        "30m",
		FetchTimeout:           "2m",
		UploadTTL:              "1h",
		ClockSkew:              "2m",
		PollInterval:           "1s",
		KeyringBackend:         "test",
	}
}

// Settings are Config parsed and checked.
type Settings struct {
	Config
	MaxUploadBytes   int64
	MaxRequestBytes  int64
	TransferTimeout  time.Duration
	FetchTimeout     time.Duration
	UploadTTL        time.Duration
	ClockSkew        time.Duration
	PollInterval     time.Duration
	ServesTLS        bool
	ListensOnNetwork bool
}

// Parse checks every setting, naming the key of the first that cannot work.
func (c Config) Parse() (Settings, error) {
	s := Settings{Config: c}
	if _, _, err := net.SplitHostPort(c.ListenAddress); err != nil {
		return s, fmt.Errorf("companion.listen_address %q: %w", c.ListenAddress, err)
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		return s, errors.New("companion.tls_cert_file and companion.tls_key_file: set both or neither")
	}
	s.ServesTLS = c.TLSCertFile != ""
	s.ListensOnNetwork = !isLoopback(c.ListenAddress)
	var err error
	if s.MaxUploadBytes, err = parseSize("max_upload_size", c.MaxUploadSize); err != nil {
		return s, err
	}
	if s.MaxRequestBytes, err = parseSize("max_request_body", c.MaxRequestBody); err != nil {
		return s, err
	}
	if c.MaxConcurrentTransfers < 1 {
		return s, fmt.Errorf("companion.max_concurrent_transfers %d: at least 1", c.MaxConcurrentTransfers)
	}
	for _, d := range []struct {
		key string
		raw string
		out *time.Duration
	}{
		{"transfer_timeout", c.TransferTimeout, &s.TransferTimeout},
		{"fetch_timeout", c.FetchTimeout, &s.FetchTimeout},
		{"upload_ttl", c.UploadTTL, &s.UploadTTL},
		{"clock_skew", c.ClockSkew, &s.ClockSkew},
		{"poll_interval", c.PollInterval, &s.PollInterval},
	} {
		v, err := time.ParseDuration(strings.TrimSpace(d.raw))
		if err != nil || v <= 0 {
			return s, fmt.Errorf("companion.%s %q: a positive duration such as \"1m\" is needed", d.key, d.raw)
		}
		*d.out = v
	}
	if c.OperatorKey != "" && c.KeyringBackend == "" {
		return s, errors.New("companion.keyring_backend: needed with companion.operator_key")
	}
	return s, nil
}

func parseSize(key, raw string) (int64, error) {
	n, err := humanize.ParseBytes(strings.TrimSpace(raw))
	if err != nil || n == 0 || n > 1<<50 {
		return 0, fmt.Errorf("companion.%s %q: a size such as \"64KiB\" or \"1GiB\" is needed", key, raw)
	}
	return int64(n), nil
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
