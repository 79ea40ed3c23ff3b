package ipfsnode

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"text/template"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/spf13/viper"
)

// renderAndRead writes cfg through ConfigTemplate as app.toml would be
// written, then reads it back as `msecd start` would.
func renderAndRead(t *testing.T, cfg Config) Config {
	t.Helper()
	tmpl := template.Must(template.New("app").Parse(ConfigTemplate))
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, struct{ IPFS Config }{cfg}); err != nil {
		t.Fatal(err)
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(&buf); err != nil {
		t.Fatalf("rendered template is not valid TOML: %v\n%s", err, buf.String())
	}
	got, err := ConfigFromAppOptions(v)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestConfigTemplateRoundTrips(t *testing.T) {
	if got := renderAndRead(t, DefaultConfig()); !reflect.DeepEqual(got, DefaultConfig()) {
		t.Errorf("defaults read back as %+v", got)
	}
	custom := Config{
		Enabled:         false,
		ListenAddresses: []string{"/ip4/0.0.0.0/tcp/4101", "/ip6/::/tcp/4101"},
		SwarmKeyFile:    "/etc/msec/swarm.key",
		Peers:           []string{"/dns4/ipfs.member-b.example/tcp/4101/p2p/12D3KooWAJjbRkp8FPF5MKgMU53aUTxWkqvDrs4zc1VMbwRwfsbE"},
		GatewayAddress:  "",
		APIAddress:      "127.0.0.1:5999",
		StorageLimit:    "2TB",
	}
	if got := renderAndRead(t, custom); !reflect.DeepEqual(got, custom) {
		t.Errorf("custom config read back as %+v", got)
	}
}

func TestMissingSectionGivesDefaults(t *testing.T) {
	got, err := ConfigFromAppOptions(viper.New())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, DefaultConfig()) {
		t.Errorf("got %+v", got)
	}
}

func TestDefaultConfigIsValidAndSafe(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{cfg.GatewayAddress, cfg.APIAddress} {
		if !strings.HasPrefix(addr, "127.0.0.1:") {
			t.Errorf("%s is not loopback by default", addr)
		}
	}
	if limit, _ := cfg.StorageLimitBytes(); limit != 100<<30 {
		t.Errorf("default storage limit = %d", limit)
	}
}

func TestValidateNamesTheBadSetting(t *testing.T) {
	cases := map[string]func(*Config){
		"ipfs.listen_addresses": func(c *Config) { c.ListenAddresses = []string{"/ip4/0.0.0.0/udp/4101/quic-v1"} },
		"ipfs.peers":            func(c *Config) { c.Peers = []string{"/ip4/10.0.0.1/tcp/4101"} },
		"ipfs.api_address":      func(c *Config) { c.APIAddress = "0.0.0.0:5101" },
		"ipfs.storage_limit":    func(c *Config) { c.StorageLimit = "lots" },
		"ipfs.swarm_key_file":   func(c *Config) { c.SwarmKeyFile = " " },
		"ipfs.gateway_address":  func(c *Config) { c.GatewayAddress = "8181" },
	}
	for key, breakIt := range cases {
		cfg := DefaultConfig()
		breakIt(&cfg)
		err := cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: err = %v", key, err)
		}
	}
}

// The server's app options are what msecd start hands to PostSetup.
var _ AppOptions = servertypes.AppOptions(nil)
