package companion

import (
	"github.com/spf13/cast"

	"github.com/msec-city/msec/appoptions"
)

// AppOptions is what ConfigFromAppOptions reads: the server's viper (or any
// servertypes.AppOptions).
type AppOptions = appoptions.Options

// ConfigFromAppOptions reads [companion] from app.toml. Absent keys keep
// their default, so an app.toml written before the section existed works.
func ConfigFromAppOptions(opts AppOptions) (Config, error) {
	cfg := DefaultConfig()
	texts := []struct {
		key string
		dst *string
	}{
		{"listen_address", &cfg.ListenAddress}, {"tls_cert_file", &cfg.TLSCertFile}, {"tls_key_file", &cfg.TLSKeyFile},
		{"max_upload_size", &cfg.MaxUploadSize}, {"max_request_body", &cfg.MaxRequestBody},
		{"transfer_timeout", &cfg.TransferTimeout}, {"fetch_timeout", &cfg.FetchTimeout}, {"upload_ttl", &cfg.UploadTTL},
		{"clock_skew", &cfg.ClockSkew}, {"poll_interval", &cfg.PollInterval}, {"operator_key", &cfg.OperatorKey},
		{"keyring_backend", &cfg.KeyringBackend}, {"keyring_dir", &cfg.KeyringDir}, {"gas_prices", &cfg.GasPrices},
	}
	errs := []error{
		appoptions.Read(opts, "companion", "enabled", &cfg.Enabled, cast.ToBoolE),
		appoptions.Read(opts, "companion", "max_concurrent_transfers", &cfg.MaxConcurrentTransfers, cast.ToIntE),
	}
	for _, t := range texts {
		errs = append(errs, appoptions.Read(opts, "companion", t.key, t.dst, cast.ToStringE))
	}
	for _, err := range errs {
		if err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}
