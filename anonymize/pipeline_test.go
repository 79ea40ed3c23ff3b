package anonymize

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/msec-city/msec/anonymize/mask"
)

// redSquares stands in for a real detector: it reports every 8-connected
// group of saturated red pixels as a face. It is what the anonymizer must
// leave nothing of.
type redSquares struct{}

func (redSquares) ID() string        { return "test-red-squares" }
func (redSquares) Classes() []Class  { return []Class{ClassFace} }
func (redSquares) ModelHash() string { return "" }
func (redSquares) Detect(img *image.RGBA) ([]Region, error) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	m := mask.New(w, h)
	for i := range m.Pix {
		p := img.Pix[4*i : 4*i+3]
		if p[0] > 200 && p[1] < 60 && p[2] < 60 {
			m.Pix[i] = 1
		}
	}
	_, comps := m.Components()
	var out []Region
	for _, c := range comps {
		if c.Area >= 4 {
			out = append(out, Region{Class: ClassFace, Box: c.Bounds, Score: 1, DetectorID: "test-red-squares"})
		}
	}
	return out, nil
}

// scene is a textured background with two red "faces" and a person box.
func scene(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(90 + (x*7+y*3)%40)
			if (x/6+y/6)%2 == 0 {
				v += 30
			}
			img.Set(x, y, color.RGBA{v, v + 10, 140, 255})
		}
	}
	for _, r := range []image.Rectangle{image.Rect(30, 20, 50, 42), image.Rect(150, 70, 164, 86)} {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.Set(x, y, color.RGBA{230, 20, 30, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

type personBox struct{}

func (personBox) ID() string        { return "test-person-box" }
func (personBox) Classes() []Class  { return []Class{ClassPerson} }
func (personBox) ModelHash() string { return "00" }
func (personBox) Detect(*image.RGBA) ([]Region, error) {
	return []Region{{Class: ClassPerson, Box: image.Rect(90, 30, 120, 100), Score: 0.5, DetectorID: "test-person-box"}}, nil
}

func testPipeline() *Pipeline {
	return &Pipeline{Detectors: []Detector{redSquares{}, personBox{}}, Options: DefaultOptions()}
}

func TestRunErasesAndIsDeterministic(t *testing.T) {
	in := scene(200, 140)
	p := testPipeline()
	a, err := p.Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Output, b.Output) {
		t.Fatal("two runs differ")
	}
	if len(a.Report.Regions) != 3 || a.Report.Mask.Pixels == 0 {
		t.Fatalf("regions %+v, mask pixels %d", a.Report.Regions, a.Report.Mask.Pixels)
	}
	// The person's shadow reaches below its box: 0.2 × 70 = 14 rows.
	m, err := mask.DecodeRLE(a.Report.Mask.RLE)
	if err != nil {
		t.Fatal(err)
	}
	if !m.At(105, 112) || m.At(105, 120) {
		t.Fatal("shadow extension missing or unbounded below the person box")
	}
	// Leakage, second half: nothing the detector finds overlaps the mask.
	found, err := redSquares{}.Detect(a.Image)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range found {
		t.Errorf("detector still finds %v after anonymization", r.Box)
	}
	if a.Report.Output.SHA256 != HashBytes(a.Output) {
		t.Fatal("output hash does not match the output bytes")
	}
}

func TestVerifyFromReport(t *testing.T) {
	in := scene(200, 140)
	res, err := testPipeline().Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	js, err := MarshalReport(res.Report)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := UnmarshalReport(js)
	if err != nil {
		t.Fatal(err)
	}
	lim := DefaultOptions().Limits
	if err := Verify(in, rep, nil, lim); err != nil {
		t.Fatalf("verify after a JSON round trip: %v", err)
	}
	rep.Output.PixelsSHA256 = "00"
	if err := Verify(in, rep, nil, lim); err == nil {
		t.Fatal("verify accepted a wrong output hash")
	}
	other := scene(200, 141)
	if err := Verify(other, rep, nil, lim); err == nil {
		t.Fatal("verify accepted another input")
	}
}

// TestLeakageProperty: whatever the private pixels are, the output is the
// same bytes, so none of them can be recovered from it.
func TestLeakageProperty(t *testing.T) {
	in := scene(200, 140)
	res, err := testPipeline().Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mask.DecodeRLE(res.Report.Mask.RLE)
	if err != nil {
		t.Fatal(err)
	}
	orig, _, err := Decode(in, DefaultOptions().Limits)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 4; trial++ {
		noisy := image.NewRGBA(orig.Rect)
		copy(noisy.Pix, orig.Pix)
		for i, v := range m.Pix {
			if v != 0 {
				noisy.Pix[4*i] = uint8(rng.IntN(256))
				noisy.Pix[4*i+1] = uint8(rng.IntN(256))
				noisy.Pix[4*i+2] = uint8(rng.IntN(256))
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, noisy); err != nil {
			t.Fatal(err)
		}
		got, err := Recompute(buf.Bytes(), res.Report, nil, DefaultOptions().Limits)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Output, res.Output) {
			t.Fatalf("trial %d: randomising masked pixels changed the output", trial)
		}
	}
}

func TestClassesFilterDetectors(t *testing.T) {
	p := testPipeline()
	p.Options.Classes = []Class{ClassPerson}
	res, err := p.Run(scene(200, 140), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Detectors) != 1 || res.Report.Detectors[0].ID != "test-person-box" {
		t.Fatalf("detectors run: %+v", res.Report.Detectors)
	}
	for _, r := range res.Report.Regions {
		if r.Class != ClassPerson {
			t.Fatalf("region of class %s kept", r.Class)
		}
	}
}

func TestRunWithPlate(t *testing.T) {
	in := scene(200, 140)
	plate := image.NewRGBA(image.Rect(0, 0, 200, 140))
	for i := range plate.Pix {
		plate.Pix[i] = 77
	}
	res, err := testPipeline().Run(in, plate)
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Background == nil || res.Report.Components[0].Method != "plate" {
		t.Fatalf("plate not used: %+v", res.Report.Components)
	}
	if err := Verify(in, res.Report, plate, DefaultOptions().Limits); err != nil {
		t.Fatal(err)
	}
	if err := Verify(in, res.Report, nil, DefaultOptions().Limits); err == nil {
		t.Fatal("verify without the plate passed")
	}
}
