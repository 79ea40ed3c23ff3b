package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/viper"

	"github.com/msec-city/msec/ipfsnode"
)

// readConfig reads the [ipfs] section of <home>/config/app.toml, or the
// defaults when there is no such file yet.
func readConfig(home string) (ipfsnode.Config, error) {
	path := filepath.Join(home, "config", "app.toml")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return ipfsnode.DefaultConfig(), nil
	}
	v := viper.New()
	v.SetConfigFile(path)
	if err := v.ReadInConfig(); err != nil {
		return ipfsnode.Config{}, fmt.Errorf("read %s: %w", path, err)
	}
	return ipfsnode.ConfigFromAppOptions(v)
}
