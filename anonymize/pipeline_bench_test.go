package anonymize

import (
	"image"
	"testing"
)

// fourPedestrians reports four 120×360 people, 8.3% of a 1080p frame.
type fourPedestrians struct{}

func (fourPedestrians) ID() string        { return "four-pedestrians" }
func (fourPedestrians) Classes() []Class  { return []Class{ClassPerson} }
func (fourPedestrians) ModelHash() string { return "" }
func (fourPedestrians) Detect(*image.RGBA) ([]Region, error) {
	var out []Region
	for k := 0; k < 4; k++ {
		out = append(out, Region{Class: ClassPerson, Box: image.Rect(200+k*420, 500, 320+k*420, 860), DetectorID: "four-pedestrians"})
	}
	return out, nil
}

// BenchmarkPipeline1080p is everything but real detectors: decode, mask,
// zero, auto fill, PNG encode.
func BenchmarkPipeline1080p(b *testing.B) {
	in := scene(1920, 1080)
	p := &Pipeline{Detectors: []Detector{fourPedestrians{}}, Options: DefaultOptions()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Run(in, nil); err != nil {
			b.Fatal(err)
		}
	}
}
