package pigo

import (
	"path/filepath"
	"testing"

	pigo "github.com/esimov/pigo/core"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/models"
)

// TestScanMatchesPigo checks the scanner accepts exactly the windows, with
// exactly the scores, that pigo's own RunCascade does, on two real images
// and every window size the detector uses on them, with the vector kernel
// (where the CPU has one) and with the portable loop.
func TestScanMatchesPigo(t *testing.T) {
	if stepKernel != nil {
		t.Run("vector", testScanMatchesPigo)
		kernel := stepKernel
		stepKernel = nil
		defer func() { stepKernel = kernel }()
	}
	t.Run("portable", testScanMatchesPigo)
}

func testScanMatchesPigo(t *testing.T) {
	b, _, err := models.ReadVerified(detecttest.ModelsDir(t), CascadeFile)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := parseTrees(b)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := pigo.NewPigo().Unpack(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range []string{"pigo_sample.jpg", filepath.Join("vtest", "vtest_0560.jpg")} {
		g := raster.GrayFromRGBA(detecttest.Load(t, filepath.Join(detecttest.EvalDir(), img)))
		total := 0
		var sc scratch
		for size := DefaultMinFace; size <= min(g.W, g.H); size += max(2, int(float64(float64(size)*DefaultScaleFactor)-float64(size))) {
			got := ours.scan(g.Pix, g.W, g.H, size, DefaultShiftFactor, nil, &sc)
			want := ref.RunCascade(pigo.CascadeParams{MinSize: size, MaxSize: size, ShiftFactor: DefaultShiftFactor, ScaleFactor: DefaultScaleFactor,
				ImageParams: pigo.ImageParams{Pixels: g.Pix, Rows: g.H, Cols: g.W, Dim: g.W}}, 0)
			if len(got) != len(want) {
				t.Fatalf("%s size %d: %d windows, pigo %d", img, size, len(got), len(want))
			}
			for i, w := range want {
				if h := got[i]; h.row != w.Row || h.col != w.Col || h.size != w.Scale || h.q != w.Q {
					t.Fatalf("%s size %d window %d: %+v, pigo %+v", img, size, i, h, w)
				}
			}
			total += len(got)
		}
		if total == 0 {
			t.Errorf("%s: no window accepted at any size; the comparison proves nothing", img)
		}
	}
}

func TestParseTreesRejectsBadFiles(t *testing.T) {
	b, _, err := models.ReadVerified(detecttest.ModelsDir(t), CascadeFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": b[:len(b)-1],
		"extra":     append(append([]byte(nil), b...), 0),
		"depth 5":   append(append(append([]byte(nil), b[:8]...), 5, 0, 0, 0), b[12:]...),
	} {
		if _, err := parseTrees(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
