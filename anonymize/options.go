package anonymize

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/msec-city/msec/anonymize/fill"
)

// EngineName and EngineVersion identify this engine in reports; bump the
// version whenever an output byte could change for the same input and
// parameters.
const (
	EngineName    = "msec-anonymizer"
	EngineVersion = "0.7.0"
)

// MaskParams shape the mask built from the detected regions. Ratios are
// fractions of the image's mean side (W+H)/2 unless said otherwise.
type MaskParams struct {
	// CleanRatio sets the radius of the morphological opening that removes
	// specks from per-pixel region masks, and of the closing that then fills
	// narrow gaps. Box regions are never opened, so no detection is lost.
	CleanRatio float64 `json:"clean_ratio"`
	// ExpandRatio sets the radius of the dilation that covers the margin
	// around each detection (hair, ears, mirrors, blur of motion).
	ExpandRatio float64 `json:"expand_ratio"`
	// FaceGrowRatio grows every face box by this fraction of its longer
	// side on each side before the union: face detectors return tight
	// boxes, and the hair and head outline left around an erased face are
	// enough for a detector to find a "face" there again.
	FaceGrowRatio float64 `json:"face_grow_ratio"`
	// ShadowRatio sets how far below a person or vehicle its shadow is
	// erased, as a fraction of the region's box height; ShadowMaxRatio caps
	// it as a fraction of the image height.
	ShadowRatio    float64 `json:"shadow_ratio"`
	ShadowMaxRatio float64 `json:"shadow_max_ratio"`
}

// OutputParams choose the encoding of the anonymized image.
type OutputParams struct {
	// Format is "png" (lossless, the default, so hashes are stable) or
	// "jpeg".
	Format      string `json:"format"`
	JPEGQuality int    `json:"jpeg_quality,omitempty"`
}

// Params are everything that decides the output besides the input and the
// detectors; reports carry them so that a second worker can recompute.
type Params struct {
	Classes []Class      `json:"classes"`
	Mask    MaskParams   `json:"mask"`
	Fill    fill.Params  `json:"fill"`
	Output  OutputParams `json:"output"`
}

// Limits refuse inputs that would cost too much to decode.
type Limits struct {
	MaxBytes  int64 // encoded input size
	MaxPixels int64 // width × height
	MaxSide   int   // longest side
}

// Options configure a Pipeline.
type Options struct {
	Params
	Limits Limits
	// SkipRecheck turns off the detectors' second look at PatchMatch fills
	// (see Pipeline.Run), which costs about one more detection pass. The
	// report records the plan either way, so verification is unaffected.
	SkipRecheck bool
	// Profile names the detector set the caller built the detectors from
	// (detect.Profiles), if any; the report records it so that a verifier
	// sees which trade-off between recall and speed the run made.
	Profile string
}

// DefaultOptions erase every class and fill automatically.
func DefaultOptions() Options {
	return Options{
		Params: Params{
			Classes: slices.Clone(AllClasses),
			Mask: MaskParams{
				CleanRatio:     0.002,
				ExpandRatio:    0.01,
				FaceGrowRatio:  0.25,
				ShadowRatio:    0.2,
				ShadowMaxRatio: 0.1,
			},
			Fill:   fill.DefaultParams(),
			Output: OutputParams{Format: "png"},
		},
		Limits: Limits{MaxBytes: 64 << 20, MaxPixels: 50_000_000, MaxSide: 16384},
	}
}

// Validate checks every parameter's range.
func (p Params) Validate() error {
	if len(p.Classes) == 0 {
		return errors.New("params: no class to erase")
	}
	for _, c := range p.Classes {
		if !slices.Contains(AllClasses, c) {
			return fmt.Errorf("params: unknown class %q", c)
		}
	}
	ratios := []struct {
		name string
		v    float64
	}{
		{"clean_ratio", p.Mask.CleanRatio}, {"expand_ratio", p.Mask.ExpandRatio}, {"face_grow_ratio", p.Mask.FaceGrowRatio},
		{"shadow_ratio", p.Mask.ShadowRatio}, {"shadow_max_ratio", p.Mask.ShadowMaxRatio},
	}
	for _, r := range ratios {
		if math.IsNaN(r.v) || r.v < 0 || r.v > 1 {
			return fmt.Errorf("params: mask %s %v outside 0..1", r.name, r.v)
		}
	}
	switch p.Output.Format {
	case "png":
	case "jpeg":
		if p.Output.JPEGQuality < 1 || p.Output.JPEGQuality > 100 {
			return fmt.Errorf("params: jpeg_quality %d outside 1..100", p.Output.JPEGQuality)
		}
	default:
		return fmt.Errorf("params: output format %q: want png or jpeg", p.Output.Format)
	}
	return p.Fill.Validate()
}

// ParseClasses reads a comma-separated class list such as "face,plate".
func ParseClasses(list []string) ([]Class, error) {
	var out []Class
	for _, s := range list {
		c := Class(s)
		if !slices.Contains(AllClasses, c) {
			return nil, fmt.Errorf("unknown class %q: want face, person, plate or vehicle", s)
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}
