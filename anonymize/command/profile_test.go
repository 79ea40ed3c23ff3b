package command

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize"
)

// TestCommandProfileReachesFactoryAndReport checks that --profile picks
// the detector set and that the report says which one ran, so a verifier
// sees the trade-off; an unknown profile is refused before any work.
func TestCommandProfileReachesFactoryAndReport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.png")
	writePNG(t, in, 40, 30)
	for _, tc := range []struct{ args []string }{{nil}, {[]string{"--profile", "fast"}}} {
		var got DetectorConfig
		cmd := newCommand(func(cfg DetectorConfig) ([]anonymize.Detector, error) {
			got = cfg
			return testFactory(cfg)
		})
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		report := filepath.Join(dir, "report.json")
		cmd.SetArgs(append([]string{in, "-o", filepath.Join(dir, "out.png"), "--report", report}, tc.args...))
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v\n%s", tc.args, err, out.String())
		}
		want := "thorough"
		if len(tc.args) > 0 {
			want = tc.args[1]
		}
		reps, err := readReports(report)
		if err != nil {
			t.Fatal(err)
		}
		if got.Profile != want || reps[0].Report.Profile != want {
			t.Fatalf("%v: factory got profile %q, report says %q, want %q", tc.args, got.Profile, reps[0].Report.Profile, want)
		}
	}
	if msg, err := execute(in, "-o", filepath.Join(dir, "x.png"), "--profile", "quick"); err == nil || !strings.Contains(err.Error(), `unknown profile "quick"`) {
		t.Fatalf("unknown profile: %v\n%s", err, msg)
	}
}
