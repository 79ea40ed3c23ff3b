package anonymize

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"

	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

// cropOnlyDots finds green dots, but only in images narrower than 300 px:
// like a face detector that misses small faces in a full frame and finds
// them in a zoomed crop.
type cropOnlyDots struct{}

func (cropOnlyDots) ID() string        { return "test-crop-only-dots" }
func (cropOnlyDots) Classes() []Class  { return []Class{ClassFace} }
func (cropOnlyDots) ModelHash() string { return "" }
func (cropOnlyDots) Detect(img *image.RGBA) ([]Region, error) {
	if img.Rect.Dx() >= 300 {
		return nil, nil
	}
	var out []Region
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if c := img.RGBAAt(x, y); c.G > 200 && c.R < 80 {
				out = append(out, Region{Class: ClassFace, Box: image.Rect(x, y, x+1, y+1), DetectorID: "test-crop-only-dots"})
			}
		}
	}
	return out, nil
}

// dottedScene is a dark texture of green dots with one red square.
func dottedScene() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 400, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 400; x++ {
			c := color.RGBA{40, 40, 60, 255}
			if x%12 < 3 && y%12 < 3 {
				c = color.RGBA{20, 240, 20, 255}
			}
			img.Set(x, y, c)
		}
	}
	for y := 100; y < 150; y++ {
		for x := 180; x < 230; x++ {
			img.Set(x, y, color.RGBA{230, 20, 30, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestRecheckRefillsCopiedDetections(t *testing.T) {
	in := dottedScene()
	p := &Pipeline{Detectors: []Detector{redSquares{}, cropOnlyDots{}}, Options: DefaultOptions()}
	p.Options.Fill.Method = "patchmatch"
	res, err := p.Run(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Components) != 1 || res.Report.Components[0].Method != "telea" {
		t.Fatalf("copied dots not caught: components %+v", res.Report.Components)
	}
	crop := image.Rect(150, 70, 260, 180)
	found, err := cropOnlyDots{}.Detect(cropOf(res.Image, crop))
	if err != nil {
		t.Fatal(err)
	}
	m, err := mask.DecodeRLE(res.Report.Mask.RLE)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range found {
		if p := r.Box.Min.Add(crop.Min); m.At(p.X, p.Y) {
			t.Fatalf("a dot at %v inside the refilled hole", p)
		}
	}
	if err := Verify(in, res.Report, nil, p.Options.Limits); err != nil {
		t.Fatalf("verify replays the refill plan: %v", err)
	}
}

func cropOf(img *image.RGBA, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:(y+1)*out.Stride], img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):])
	}
	return out
}

func TestSkipRecheckKeepsPatchMatch(t *testing.T) {
	p := &Pipeline{Detectors: []Detector{redSquares{}, cropOnlyDots{}}, Options: DefaultOptions()}
	p.Options.Fill.Method = "patchmatch"
	p.Options.SkipRecheck = true
	res, err := p.Run(dottedScene(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Components[0].Method != "patchmatch" {
		t.Fatalf("recheck ran although skipped: %+v", res.Report.Components)
	}
}

func TestRecheckCropsMergeOverlaps(t *testing.T) {
	frame := image.Rect(0, 0, 1000, 800)
	pm := func(x0, y0, x1, y1 int) fill.ComponentFill {
		return fill.ComponentFill{Box: [4]int{x0, y0, x1, y1}, Method: fill.PatchMatch}
	}
	plan := []fill.ComponentFill{
		pm(100, 100, 200, 300),                                // grown by half of 100: (50,50)-(250,350)
		{Box: [4]int{230, 100, 260, 120}, Method: fill.Telea}, // not rechecked
		pm(240, 120, 280, 160),                                // grown to 128 wide, overlaps the first
		pm(700, 600, 720, 620),                                // alone, near the corner
		pm(990, 10, 1000, 20),                                 // clipped to the frame
	}
	got := recheckCrops(plan, frame)
	want := []image.Rectangle{
		image.Rect(50, 50, 324, 350),
		image.Rect(646, 546, 774, 674),
		image.Rect(931, 0, 1000, 79),
	}
	if !slices.Equal(got, want) {
		t.Fatalf("crops %v, want %v", got, want)
	}
	// Windows search near the PatchMatch boxes of each crop, in the
	// crop's coordinates; the Telea component is not searched.
	nears := [][]image.Rectangle{
		{image.Rect(50, 50, 150, 250), image.Rect(190, 70, 230, 110)},
		{image.Rect(54, 54, 74, 74)},
		{image.Rect(59, 10, 69, 20)},
	}
	for i, crop := range got {
		if near := recheckNear(plan, crop); !slices.Equal(near, nears[i]) {
			t.Errorf("crop %v: near %v, want %v", crop, near, nears[i])
		}
	}
}

// plateDots reports plates where cropOnlyDots reports faces: the recheck
// must not run it.
type plateDots struct{ cropOnlyDots }

func (plateDots) Classes() []Class { return []Class{ClassPlate} }

func TestRecheckSkipsPlateDetectors(t *testing.T) {
	if rechecked(plateDots{}) || !rechecked(cropOnlyDots{}) {
		t.Fatal("only face and person detectors take part in the recheck")
	}
}
