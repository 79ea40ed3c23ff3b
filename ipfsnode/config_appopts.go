package ipfsnode

import (
	"github.com/spf13/cast"

	"github.com/msec-city/msec/appoptions"
)

// AppOptions is what ConfigFromAppOptions reads: the server's viper (or any
// servertypes.AppOptions).
type AppOptions = appoptions.Options

// ConfigFromAppOptions reads the [ipfs] section from app options (the
// server's viper). Keys that are absent keep their DefaultConfig value, so
// an app.toml written before the section existed still works.
func ConfigFromAppOptions(opts AppOptions) (Config, error) {
	cfg := DefaultConfig()
	for _, err := range []error{
		appoptions.Read(opts, "ipfs", "enabled", &cfg.Enabled, cast.ToBoolE),
		appoptions.Read(opts, "ipfs", "listen_addresses", &cfg.ListenAddresses, cast.ToStringSliceE),
		appoptions.Read(opts, "ipfs", "swarm_key_file", &cfg.SwarmKeyFile, cast.ToStringE),
		appoptions.Read(opts, "ipfs", "peers", &cfg.Peers, cast.ToStringSliceE),
		appoptions.Read(opts, "ipfs", "gateway_address", &cfg.GatewayAddress, cast.ToStringE),
		appoptions.Read(opts, "ipfs", "api_address", &cfg.APIAddress, cast.ToStringE),
		appoptions.Read(opts, "ipfs", "storage_limit", &cfg.StorageLimit, cast.ToStringE),
	} {
		if err != nil {
			return Config{}, err
		}
	}
	return cfg, nil
}
