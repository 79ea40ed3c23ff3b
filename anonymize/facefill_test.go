package anonymize

import (
	"testing"

	"github.com/msec-city/msec/anonymize/fill"
)

// TestFaceHolesFilledByTelea: under the automatic choice a hole holding a
// face is filled by Telea even when it is large enough for PatchMatch; a
// person's hole of the same kind keeps PatchMatch, and a forced method
// stays forced.
func TestFaceHolesFilledByTelea(t *testing.T) {
	in := scene(200, 140)
	cases := []struct {
		det    Detector
		method fill.Method
		want   fill.Method
	}{
		{marginFace{}, fill.Auto, fill.Telea},
		{personBox{}, fill.Auto, fill.PatchMatch},
		{marginFace{}, fill.PatchMatch, fill.PatchMatch},
	}
	for _, c := range cases {
		opts := DefaultOptions()
		opts.Fill.Method = c.method
		opts.SkipRecheck = true
		res, err := (&Pipeline{Detectors: []Detector{c.det}, Options: opts}).Run(in, nil)
		if err != nil {
			t.Fatal(err)
		}
		comps := res.Report.Components
		if len(comps) != 1 || comps[0].Method != c.want {
			t.Fatalf("%s, fill %s: components %+v, want one filled by %s", c.det.ID(), c.method, comps, c.want)
		}
		if err := Verify(in, res.Report, nil, opts.Limits); err != nil {
			t.Fatal(err)
		}
	}
}
