package anonymize

import (
	"image"
	"testing"
)

// marginFace reports a tight face box with a larger area to erase, as
// BlazeFace does.
type marginFace struct{}

func (marginFace) ID() string        { return "test-margin-face" }
func (marginFace) Classes() []Class  { return []Class{ClassFace} }
func (marginFace) ModelHash() string { return "" }
func (marginFace) Detect(*image.RGBA) ([]Region, error) {
	return []Region{{Class: ClassFace, Box: image.Rect(40, 40, 60, 60), Erase: image.Rect(30, 30, 70, 70),
		Score: 1, DetectorID: "test-margin-face"}}, nil
}

// TestEraseAreaIsMaskedAndReported: the mask is built from the erased
// area, not the box; the report keeps both; Verify refuses a report whose
// mask does not erase a listed region.
func TestEraseAreaIsMaskedAndReported(t *testing.T) {
	in := scene(200, 140)
	p := &Pipeline{Detectors: []Detector{marginFace{}}, Options: DefaultOptions()}
	res, err := p.Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if len(rep.Regions) != 1 || rep.Regions[0].Box != [4]int{40, 40, 60, 60} || rep.Regions[0].Erase == nil || *rep.Regions[0].Erase != [4]int{30, 30, 70, 70} {
		t.Fatalf("regions %+v: want box [40 40 60 60], erase [30 30 70 70]", rep.Regions)
	}
	want, _ := BuildMask(200, 140, []Region{{Class: ClassFace, Box: image.Rect(30, 30, 70, 70)}}, p.Options.Mask)
	if got := maskInfo(want, rep.Mask.Radii); got.SHA256 != rep.Mask.SHA256 {
		t.Fatal("the mask is not the one built from the erased area")
	}
	lim := p.Options.Limits
	if err := Verify(in, rep, nil, lim); err != nil {
		t.Fatal(err)
	}
	outside := [4]int{0, 0, 200, 140}
	rep.Regions[0].Erase = &outside
	if err := Verify(in, rep, nil, lim); err == nil {
		t.Fatal("verify accepted a region the mask does not erase")
	}
}
