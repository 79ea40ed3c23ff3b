package anonymize

import (
	"fmt"
	"image"
	"reflect"

	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

// Recompute redoes everything after detection, without running any
// detector: it decodes the input, takes the mask, the parameters and each
// component's fill method from the report, and zeroes, fills and encodes
// exactly as Run did. plate must be
// the background plate the report names, or nil if it names none. The
// returned report is rebuilt from scratch (profile, regions and
// detectors copied from r), so it can be compared with r field by field.
func Recompute(data []byte, r *Report, plate *image.RGBA, lim Limits) (*Result, error) {
	if err := r.Params.Validate(); err != nil {
		return nil, err
	}
	img, format, err := Decode(data, lim)
	if err != nil {
		return nil, err
	}
	m, err := mask.DecodeRLE(r.Mask.RLE)
	if err != nil {
		return nil, err
	}
	if err := checkRegionsMasked(m, r.Regions); err != nil {
		return nil, err
	}
	if plate == nil && r.Background != nil {
		return nil, fmt.Errorf("verify: the report names background plate %s, none given", r.Background.PixelsSHA256)
	}
	if plate != nil && r.Background == nil {
		return nil, fmt.Errorf("verify: a background plate was given, the report names none")
	}
	rep := &Report{
		Engine: CurrentEngine(),
		Input: ImageInfo{SHA256: HashBytes(data), Format: format,
			Width: img.Rect.Dx(), Height: img.Rect.Dy(), Bytes: len(data)},
		Profile:   r.Profile,
		Params:    r.Params,
		Detectors: r.Detectors,
		Regions:   r.Regions,
		Mask:      maskInfo(m, r.Mask.Radii),
	}
	seed, err := redact(img, m, plate, rep)
	if err != nil {
		return nil, err
	}
	labels, plan := fill.Plan(m, plate != nil, r.Params.Fill)
	if len(plan) != len(r.Components) {
		return nil, fmt.Errorf("verify: the mask has %d components, the report %d", len(plan), len(r.Components))
	}
	for i, c := range r.Components {
		if c.Label != plan[i].Label || c.Box != plan[i].Box || c.Area != plan[i].Area {
			return nil, fmt.Errorf("verify: component %d of the report (%v, %d px) is not the mask's (%v, %d px)",
				c.Label, c.Box, c.Area, plan[i].Box, plan[i].Area)
		}
		plan[i].Method = c.Method
	}
	out, done, err := applyPlan(img, m, labels, plan, plate, r.Params.Fill, seed)
	if err != nil {
		return nil, err
	}
	rep.Components = done
	img = out
	res := &Result{}
	if err := finish(img, r.Params, rep, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Verify recomputes the output from the input and the report and checks,
// in order, the input hash, the mask hash, the plate hash, the redacted
// hash, the seed, the fill plan, the output pixel hash and the output file
// hash. The error names the first check that failed.
func Verify(data []byte, r *Report, plate *image.RGBA, lim Limits) error {
	got, err := Recompute(data, r, plate, lim)
	if err != nil {
		return err
	}
	g := got.Report
	checks := []struct {
		name       string
		have, want any
	}{
		{"input sha256", g.Input.SHA256, r.Input.SHA256},
		{"mask sha256", g.Mask.SHA256, r.Mask.SHA256},
		{"background plate", g.Background, r.Background},
		{"redacted sha256", g.RedactedSHA256, r.RedactedSHA256},
		{"seed", g.Seed, r.Seed},
		{"fill components", g.Components, r.Components},
		{"output pixels sha256", g.Output.PixelsSHA256, r.Output.PixelsSHA256},
		{"output sha256", g.Output.SHA256, r.Output.SHA256},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.have, c.want) {
			return fmt.Errorf("verify: %s differs: recomputed %v, report says %v", c.name, c.have, c.want)
		}
	}
	return nil
}
