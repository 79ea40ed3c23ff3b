package anonymize

import (
	"image"
	"testing"

	"github.com/msec-city/msec/anonymize/fill"
)

// TestFaceHolesFilledByTelea: under the automatic choice a hole holding a
// face and no person is filled by Telea even when it is large enough for
// PatchMatch; a person's hole keeps PatchMatch, with or without a face in
// it, and a forced method stays forced.
func TestFaceHolesFilledByTelea(t *testing.T) {
	in := scene(200, 140)
	cases := []struct {
		dets   []Detector
		method fill.Method
		want   fill.Method
	}{
		{[]Detector{marginFace{}}, fill.Auto, fill.Telea},
		{[]Detector{personBox{}}, fill.Auto, fill.PatchMatch},
		{[]Detector{marginFace{}, faceInPerson{}}, fill.Auto, fill.PatchMatch},
		{[]Detector{marginFace{}}, fill.PatchMatch, fill.PatchMatch},
	}
	for _, c := range cases {
		opts := DefaultOptions()
		opts.Fill.Method = c.method
		opts.SkipRecheck = true
		res, err := (&Pipeline{Detectors: c.dets, Options: opts}).Run(in, nil)
		if err != nil {
			t.Fatal(err)
		}
		comps := res.Report.Components
		if len(comps) != 1 || comps[0].Method != c.want {
			t.Fatalf("%s, fill %s: components %+v, want one filled by %s", c.dets[len(c.dets)-1].ID(), c.method, comps, c.want)
		}
		if err := Verify(in, res.Report, nil, opts.Limits); err != nil {
			t.Fatal(err)
		}
	}
}

// faceInPerson reports a person around marginFace's face.
type faceInPerson struct{}

func (faceInPerson) ID() string        { return "test-face-in-person" }
func (faceInPerson) Classes() []Class  { return []Class{ClassPerson} }
func (faceInPerson) ModelHash() string { return "" }
func (faceInPerson) Detect(*image.RGBA) ([]Region, error) {
	return []Region{{Class: ClassPerson, Box: image.Rect(35, 35, 65, 120), Score: 1, DetectorID: "test-face-in-person"}}, nil
}
