package companion

import (
	"fmt"

	"github.com/spf13/cast"
)

// AppOptions is what ConfigFromAppOptions reads: the server's viper (or any
// servertypes.AppOptions).
type AppOptions interface {
	Get(key string) any
}

// ConfigFromAppOptions reads [companion] from app.toml. Absent keys keep
// their default, so an app.toml written before the section existed works.
func ConfigFromAppOptions(opts AppOptions) (Config, error) {
	cfg := DefaultConfig()
	texts := map[string]*string{
		"listen_address": &cfg.ListenAddress, "tls_cert_file": &cfg.TLSCertFile, "tls_key_file": &cfg.TLSKeyFile,
		"max_upload_size": &cfg.MaxUploadSize, "max_request_body": &cfg.MaxRequestBody,
		"transfer_timeout": &cfg.TransferTimeout, "fetch_timeout": &cfg.FetchTimeout, "upload_ttl": &cfg.UploadTTL,
		"clock_skew": &cfg.ClockSkew, "poll_interval": &cfg.PollInterval, "operator_key": &cfg.OperatorKey,
		"keyring_backend": &cfg.KeyringBackend, "keyring_dir": &cfg.KeyringDir, "gas_prices": &cfg.GasPrices,
	}
	for key, dst := range texts {
		if err := readOption(opts, key, dst, cast.ToStringE); err != nil {
			return cfg, err
		}
	}
	if err := readOption(opts, "enabled", &cfg.Enabled, cast.ToBoolE); err != nil {
		return cfg, err
	}
	if err := readOption(opts, "max_concurrent_transfers", &cfg.MaxConcurrentTransfers, cast.ToIntE); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func readOption[T any](opts AppOptions, key string, dst *T, convert func(any) (T, error)) error {
	raw := opts.Get("companion." + key)
	if raw == nil {
		return nil
	}
	v, err := convert(raw)
	if err != nil {
		return fmt.Errorf("companion.%s: %w", key, err)
	}
	*dst = v
	return nil
}
