package cmd

import (
	"bytes"
	"testing"
	"text/template"

	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"
)

// The [execution] section app.toml is written with reads back as the
// option the node starts with.
func TestExecutionConfigReadsBack(t *testing.T) {
	for _, on := range []bool{true, false} {
		text, defaults := initAppConfig()
		cfg := defaults.(msecAppConfig)
		cfg.Execution.Optimistic = on
		var toml bytes.Buffer
		require.NoError(t, template.Must(template.New("app.toml").Parse(text)).Execute(&toml, cfg))
		v := viper.New()
		v.SetConfigType("toml")
		require.NoError(t, v.ReadConfig(&toml))
		require.Equal(t, on, optimisticExecution(v))
	}
	require.False(t, optimisticExecution(viper.New()), "an app.toml from before the section keeps serial execution")
}
