package anonymize

import (
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/msec-city/msec/anonymize/fill"
)

// Report is everything an attestation needs about one anonymized image.
// Apart from Regions and Detectors, which say why the mask is what it is,
// its fields are enough to recompute the output (see Verify).
type Report struct {
	Engine EngineInfo `json:"engine"`
	Input  ImageInfo  `json:"input"`
	// Profile is the named detector set the run used (Options.Profile),
	// when there was one.
	Profile   string         `json:"profile,omitempty"`
	Detectors []DetectorInfo `json:"detectors"`
	Regions   []RegionInfo   `json:"regions"`
	Params    Params         `json:"params"`
	Mask      MaskInfo       `json:"mask"`
	// RedactedSHA256 is the PixelHash of the input with every masked pixel
	// set to zero: the only thing the fill sees.
	RedactedSHA256 string `json:"redacted_sha256"`
	// Seed is the fill's PRNG seed, 16 hex digits: the first 8 bytes of
	// RedactedSHA256 (so private pixels cannot change it).
	Seed string `json:"seed"`
	// Components says how each 8-connected hole was filled, in label order.
	Components []fill.ComponentFill `json:"components"`
	// Background is the plate used to fill, when there was one.
	Background *PlateInfo `json:"background,omitempty"`
	Output     OutputInfo `json:"output"`
}

// EngineInfo names the engine; Go is the toolchain, whose decoders and
// encoders are part of what produced the bytes.
type EngineInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Go      string `json:"go"`
}

// CurrentEngine describes this build.
func CurrentEngine() EngineInfo {
	return EngineInfo{Name: EngineName, Version: EngineVersion, Go: runtime.Version()}
}

// ImageInfo describes the input file.
type ImageInfo struct {
	SHA256 string `json:"sha256"`
	Format string `json:"format"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Bytes  int    `json:"bytes"`
}

// DetectorInfo names a detector that ran and the model it loaded.
type DetectorInfo struct {
	ID          string  `json:"id"`
	Classes     []Class `json:"classes"`
	ModelSHA256 string  `json:"model_sha256,omitempty"`
}

// RegionInfo is one detection as reported; Box is [x0, y0, x1, y1).
type RegionInfo struct {
	Class Class  `json:"class"`
	Box   [4]int `json:"box"`
	// Erase is the area erased for the detection when it is more than
	// Box (Region.EraseBox), absent otherwise.
	Erase    *[4]int `json:"erase,omitempty"`
	Score    float64 `json:"score"`
	Detector string  `json:"detector"`
	// MaskPixels counts the region's own mask pixels; 0 for a whole box.
	MaskPixels int `json:"mask_pixels,omitempty"`
}

// MaskInfo carries the final mask. RLE is the canonical encoding of
// mask.EncodeRLE (base64 in JSON); SHA256 is its hash, the mask hash.
type MaskInfo struct {
	Width  int       `json:"width"`
	Height int       `json:"height"`
	Pixels int       `json:"pixels"`
	Radii  MaskRadii `json:"radii"`
	RLE    []byte    `json:"rle"`
	SHA256 string    `json:"sha256"`
}

// PlateInfo identifies a background plate by its PixelHash.
type PlateInfo struct {
	PixelsSHA256 string `json:"pixels_sha256"`
}

// OutputInfo describes the anonymized image: SHA256 of the file, and
// PixelsSHA256, the PixelHash, which does not depend on the encoder.
type OutputInfo struct {
	SHA256       string `json:"sha256"`
	PixelsSHA256 string `json:"pixels_sha256"`
	Format       string `json:"format"`
	Bytes        int    `json:"bytes"`
}

// MarshalReport is the report's JSON, indented for people.
func MarshalReport(r *Report) ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}

// UnmarshalReport parses a report and checks its parameters.
func UnmarshalReport(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := r.Params.Validate(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return &r, nil
}
