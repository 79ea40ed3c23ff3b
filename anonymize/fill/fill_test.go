package fill

import (
	"bytes"
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/msec-city/msec/anonymize/mask"
)

// gradient is a smooth diagonal colour ramp.
func gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(40 + x*150/w)
			img.Pix[i+1] = uint8(30 + y*180/h)
			img.Pix[i+2] = uint8(200 - (x+y)*100/(w+h))
			img.Pix[i+3] = 255
		}
	}
	return img
}

// stripes is a periodic texture (period 8 px) of diagonal bands.
func stripes(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			v := uint8(60)
			if (x+y)%8 < 4 {
				v = 200
			}
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v/2, 255-v, 255
		}
	}
	return img
}

func rectMask(w, h int, r image.Rectangle) *mask.Mask {
	m := mask.New(w, h)
	m.FillRect(r)
	return m
}

// holeMAE is the mean absolute channel error inside the mask.
func holeMAE(got, want *image.RGBA, m *mask.Mask) float64 {
	var sum, n float64
	for i, v := range m.Pix {
		if v == 0 {
			continue
		}
		for c := 0; c < 3; c++ {
			sum += math.Abs(float64(got.Pix[4*i+c]) - float64(want.Pix[4*i+c]))
			n++
		}
	}
	return sum / n
}

// erased copies img and zeroes the masked pixels, as the pipeline does.
func erased(img *image.RGBA, m *mask.Mask) *image.RGBA {
	out := image.NewRGBA(img.Rect)
	copy(out.Pix, img.Pix)
	for i, v := range m.Pix {
		if v != 0 {
			copy(out.Pix[4*i:4*i+4], []uint8{0, 0, 0, 0})
		}
	}
	return out
}

func fillWith(t *testing.T, img *image.RGBA, m *mask.Mask, p Params) *image.RGBA {
	t.Helper()
	out := erased(img, m)
	if _, err := Fill(out, m, nil, p, 42); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTeleaFillsGradientHole(t *testing.T) {
	img := gradient(120, 90)
	m := rectMask(120, 90, image.Rect(40, 30, 70, 55))
	p := DefaultParams()
	p.Method = Telea
	out := fillWith(t, img, m, p)
	if e := holeMAE(out, img, m); e > 4 {
		t.Fatalf("Telea MAE in a gradient hole = %.2f, want <= 4", e)
	}
}

func TestPatchMatchFillsPeriodicTexture(t *testing.T) {
	img := stripes(160, 120)
	m := rectMask(160, 120, image.Rect(60, 40, 100, 80))
	p := DefaultParams()
	p.Method = PatchMatch
	pm := holeMAE(fillWith(t, img, m, p), img, m)
	p.Method = Telea
	te := holeMAE(fillWith(t, img, m, p), img, m)
	t.Logf("stripes hole MAE: patchmatch %.2f, telea %.2f", pm, te)
	if pm > 10 || pm >= te/2 {
		t.Fatalf("PatchMatch MAE %.2f on a periodic texture, want <= 10 and under half of Telea's %.2f", pm, te)
	}
}

func TestPatchMatchMultiScaleUsesWorkLevel(t *testing.T) {
	img := stripes(400, 300)
	m := rectMask(400, 300, image.Rect(150, 100, 230, 190))
	p := DefaultParams()
	p.Method = PatchMatch
	p.WorkSide = 200 // EM at half scale, full resolution rebuilt from the field
	if e := holeMAE(fillWith(t, img, m, p), img, m); e > 20 {
		t.Fatalf("multi-scale PatchMatch MAE %.2f on stripes, want <= 20", e)
	}
}

func TestFillIgnoresMaskedValuesAndIsDeterministic(t *testing.T) {
	img := stripes(200, 150)
	m := rectMask(200, 150, image.Rect(20, 20, 60, 70))
	m.FillRect(image.Rect(120, 60, 124, 140)) // thin: Telea under auto
	m.FillRect(image.Rect(150, 10, 190, 50))
	p := DefaultParams()
	p.WorkSide = 100
	ref := fillWith(t, img, m, p)
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := 0; trial < 3; trial++ {
		noisy := erased(img, m)
		for i, v := range m.Pix {
			if v != 0 {
				for c := 0; c < 4; c++ {
					noisy.Pix[4*i+c] = uint8(rng.IntN(256))
				}
			}
		}
		plan, err := Fill(noisy, m, nil, p, 42)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(noisy.Pix, ref.Pix) {
			t.Fatalf("trial %d: output depends on the values under the mask", trial)
		}
		want := []Method{PatchMatch, PatchMatch, Telea}
		if len(plan) != 3 {
			t.Fatalf("plan %+v", plan)
		}
		for i, c := range plan {
			if c.Method != want[i] {
				t.Fatalf("component %d filled by %s, want %s", c.Label, c.Method, want[i])
			}
		}
	}
}

func TestPlateCopiesBackground(t *testing.T) {
	img := gradient(64, 48)
	plate := stripes(64, 48)
	m := rectMask(64, 48, image.Rect(10, 10, 30, 30))
	out := erased(img, m)
	plan, err := Fill(out, m, plate, DefaultParams(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if plan[0].Method != Plate || holeMAE(out, plate, m) != 0 {
		t.Fatalf("auto with a plate: method %s, MAE %.2f", plan[0].Method, holeMAE(out, plate, m))
	}
	p := DefaultParams()
	p.Method = Plate
	if _, err := Fill(erased(img, m), m, nil, p, 1); err == nil {
		t.Fatal("method plate without a plate accepted")
	}
}

func TestPatchMatchFallsBackWithoutSources(t *testing.T) {
	img := gradient(20, 20)
	m := rectMask(20, 20, image.Rect(2, 2, 18, 18))
	p := DefaultParams()
	p.Method = PatchMatch
	out := erased(img, m)
	plan, err := Fill(out, m, nil, p, 1)
	if err != nil {
		t.Fatal(err)
	}
	if plan[0].Method != Telea {
		t.Fatalf("no hole-free patch exists, yet method %s", plan[0].Method)
	}
}

func TestParamsValidate(t *testing.T) {
	p := DefaultParams()
	p.PatchSize = 4
	if p.Validate() == nil {
		t.Fatal("even patch size accepted")
	}
	if _, err := ParseMethod("blur"); err == nil {
		t.Fatal("unknown method accepted")
	}
}

// TestComponentsAreIndependent: switching one component's method changes
// no pixel of the others, and Refill of that component equals a full Apply.
func TestComponentsAreIndependent(t *testing.T) {
	img := stripes(200, 150)
	m := rectMask(200, 150, image.Rect(20, 20, 60, 70))
	m.FillRect(image.Rect(80, 30, 120, 80))
	m.FillRect(image.Rect(140, 60, 185, 120))
	p := DefaultParams()
	p.Method = PatchMatch
	labels, plan := Plan(m, false, p)
	first := erased(img, m)
	done, err := Apply(first, m, labels, plan, nil, p, 5)
	if err != nil {
		t.Fatal(err)
	}
	done[1].Method = Telea
	whole := erased(img, m)
	if _, err := Apply(whole, m, labels, done, nil, p, 5); err != nil {
		t.Fatal(err)
	}
	for i, l := range labels {
		if l != 0 && l != 2 && !bytes.Equal(whole.Pix[4*i:4*i+4], first.Pix[4*i:4*i+4]) {
			t.Fatalf("pixel %d of component %d changed when component 2 changed method", i, l)
		}
	}
	if _, err := Refill(first, m, labels, done, []int{1}, nil, p, 5); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Pix, whole.Pix) {
		t.Fatal("Refill of one component differs from Apply of the whole plan")
	}
}
