// Package appoptions reads one section of app.toml (the server's viper, or
// any servertypes.AppOptions) into a config struct, key by key, so that
// keys absent from an older app.toml keep their defaults.
package appoptions

import "fmt"

// Options is the one method the readers need; the SDK's
// servertypes.AppOptions and *viper.Viper both satisfy it.
type Options interface {
	Get(key string) any
}

// Read sets *dst from section.key when the key is present, converted by
// convert; an error names the key.
func Read[T any](opts Options, section, key string, dst *T, convert func(any) (T, error)) error {
	raw := opts.Get(section + "." + key)
	if raw == nil {
		return nil
	}
	v, err := convert(raw)
	if err != nil {
		return fmt.Errorf("%s.%s: %w", section, key, err)
	}
	*dst = v
	return nil
}
