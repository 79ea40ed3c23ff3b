package cmd

import (
	"bytes"
	"strings"
	"testing"
	"text/template"

	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"
)

// The [execution] section app.toml is written with reads back as the
// option the node starts with.
func TestExecutionConfigReadsBack(t *testing.T) {
	for _, on := range []bool{true, false} {
		require.Equal(t, on, optimisticExecution(appTomlWith(t, on)))
	}
	require.False(t, optimisticExecution(viper.New()), "an app.toml from before the section keeps serial execution")
}

// appTomlWith reads back the app.toml a new node is written, with
// [execution] optimistic set to on.
func appTomlWith(t *testing.T, on bool) *viper.Viper {
	text, defaults := initAppConfig()
	cfg := defaults.(msecAppConfig)
	cfg.Execution.Optimistic = on
	var toml bytes.Buffer
	require.NoError(t, template.Must(template.New("app.toml").Parse(text)).Execute(&toml, cfg))
	v := viper.New()
	v.SetConfigType("toml")
	require.NoError(t, v.ReadConfig(&toml))
	return v
}

// A node started with optimistic execution says so in its log, where
// the SDK itself logs nothing about it; a node without it says nothing.
func TestOptimisticExecutionIsAnnounced(t *testing.T) {
	for _, on := range []bool{true, false} {
		v := appTomlWith(t, on)
		var out bytes.Buffer
		require.Equal(t, on, announceExecution(log.NewLogger(&out), v))
		require.Equal(t, on, strings.Contains(out.String(), "optimistic execution is on"), out.String())
	}
}
