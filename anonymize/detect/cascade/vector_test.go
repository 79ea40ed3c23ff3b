package cascade

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/models"
)

// TestVectorMatchesScalar checks the vector kernel accepts exactly the
// windows the scalar evaluation does, for every shipped cascade on a real
// frame (on CPUs without the kernel both runs are scalar).
func TestVectorMatchesScalar(t *testing.T) {
	g := raster.GrayFromRGBA(detecttest.Load(t, filepath.Join(detecttest.EvalDir(), "vtest", "vtest_0560.jpg")))
	kernel := stageKernel
	t.Cleanup(func() { stageKernel = kernel })
	for _, file := range []string{"haarcascade_fullbody.xml", "haarcascade_upperbody.xml", "haarcascade_russian_plate_number.xml", "haarcascade_licence_plate_rus_16stages.xml"} {
		c := loadShipped(t, file)
		p := ScanParams{MinWidth: 2 * c.W, ScaleFactor: DefaultScaleFactor}
		stageKernel = kernel
		fast := c.windows(newLevels(g), p, nil)
		stageKernel = nil
		slow := c.windows(newLevels(g), p, nil)
		if !slices.Equal(fast, slow) {
			t.Fatalf("%s: vector path accepted %d windows, scalar %d", file, len(fast), len(slow))
		}
		if len(slow) == 0 {
			t.Errorf("%s: no window accepted; the comparison proves nothing", file)
		}
	}
}

// TestRestrideMatchesCompile checks that a compiled cascade restrided to
// another layout is the one compiled for it directly, for every shipped
// cascade, on both paths.
func TestRestrideMatchesCompile(t *testing.T) {
	kernel := stageKernel
	t.Cleanup(func() { stageKernel = kernel })
	for _, file := range []string{"haarcascade_fullbody.xml", "haarcascade_russian_plate_number.xml"} {
		c := loadShipped(t, file)
		for _, k := range []func([]int32, *[lanes]float32, *vecStage) uint8{kernel, nil} {
			stageKernel = k
			cc := c.compile(961, 961*541+tablePad)
			cc.restride(874, 874*492+tablePad)
			if want := c.compile(874, 874*492+tablePad); !reflect.DeepEqual(cc, want) {
				t.Fatalf("%s: restrided layout differs from a fresh compile", file)
			}
		}
	}
}

// loadShipped parses one of the OpenCV cascades setup installed.
func loadShipped(t *testing.T, file string) *Cascade {
	t.Helper()
	b, _, err := models.ReadVerified(detecttest.ModelsDir(t), "opencv/"+file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestInvNormsKernelMatchesScalar compares the kernel's normalisation
// of eight adjacent windows with invNorm's, bit for bit, over every row
// of random images (flat patches included, where nf is 0) for several
// window sizes.
func TestInvNormsKernelMatchesScalar(t *testing.T) {
	kernel := invNormsKernel
	if kernel == nil { // no kernel on this CPU: the comparison is with itself
		kernel = func(in *integral, x, y, w, h int, inv *[lanes]float32) {
			for l := range lanes {
				inv[l] = in.invNorm(x+l, y, w, h)
			}
		}
	}
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := range 6 {
		w, h := 40+rng.IntN(80), 40+rng.IntN(60)
		pix := make([]uint8, w*h)
		for i := range pix {
			pix[i] = uint8(rng.IntN(256))
			if trial%3 == 2 {
				pix[i] = uint8(i % w / 16 * 40) // flat strips
			}
		}
		in := newIntegral(pix, w, h, trial%2 == 0)
		for _, size := range [][2]int{{12, 26}, {58, 18}, {1, 1}, {3, 7}} {
			ww, wh := size[0], size[1]
			for y := 0; y+wh <= h; y++ {
				for x := 0; x+ww+lanes-1 <= w; x++ {
					var got [lanes]float32
					kernel(in, x, y, ww, wh, &got)
					for l := range lanes {
						if want := in.invNorm(x+l, y, ww, wh); math.Float32bits(got[l]) != math.Float32bits(want) {
							t.Fatalf("trial %d, %dx%d window at (%d,%d): kernel %v, invNorm %v", trial, ww, wh, x+l, y, got[l], want)
						}
					}
				}
			}
		}
	}
}
