package ipfsnode

import (
	"fmt"

	"github.com/spf13/cast"
)

// AppOptions is the one method ConfigFromAppOptions needs. The Cosmos SDK's
// servertypes.AppOptions and *viper.Viper both satisfy it; declaring it
// here keeps the SDK out of this package's imports.
type AppOptions interface {
	Get(key string) any
}

// ConfigFromAppOptions reads the [ipfs] section from app options (the
// server's viper). Keys that are absent keep their DefaultConfig value, so
// an app.toml written before the section existed still works.
func ConfigFromAppOptions(opts AppOptions) (Config, error) {
	cfg := DefaultConfig()
	var err error
	if cfg.Enabled, err = readOption(opts, "enabled", cfg.Enabled, cast.ToBoolE); err != nil {
		return Config{}, err
	}
	if cfg.ListenAddresses, err = readOption(opts, "listen_addresses", cfg.ListenAddresses, cast.ToStringSliceE); err != nil {
		return Config{}, err
	}
	if cfg.SwarmKeyFile, err = readOption(opts, "swarm_key_file", cfg.SwarmKeyFile, cast.ToStringE); err != nil {
		return Config{}, err
	}
	if cfg.Peers, err = readOption(opts, "peers", cfg.Peers, cast.ToStringSliceE); err != nil {
		return Config{}, err
	}
	if cfg.GatewayAddress, err = readOption(opts, "gateway_address", cfg.GatewayAddress, cast.ToStringE); err != nil {
		return Config{}, err
	}
	if cfg.APIAddress, err = readOption(opts, "api_address", cfg.APIAddress, cast.ToStringE); err != nil {
		return Config{}, err
	}
	if cfg.StorageLimit, err = readOption(opts, "storage_limit", cfg.StorageLimit, cast.ToStringE); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func readOption[T any](opts AppOptions, key string, fallback T, convert func(any) (T, error)) (T, error) {
	raw := opts.Get("ipfs." + key)
	if raw == nil {
		return fallback, nil
	}
	v, err := convert(raw)
	if err != nil {
		return fallback, fmt.Errorf("ipfs.%s: %w", key, err)
	}
	return v, nil
}
