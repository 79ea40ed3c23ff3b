// Package detecttest gives detector tests the files scripts/setup-anonymizer.sh
// installs, failing (never skipping) with a pointer to `make setup` when
// they are missing.
package detecttest

import (
	"image"
	"image/draw"
	"path/filepath"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/models"
)

// OpenCVData is where Debian's opencv-doc puts its sample media.
const OpenCVData = models.OpenCVData

// ModelsDir returns the verified models directory.
func ModelsDir(t testing.TB) string {
	t.Helper()
	dir := models.Dir()
	for _, name := range models.Names() {
		if _, _, err := models.ReadVerified(dir, name); err != nil {
			t.Fatalf("anonymizer models missing or wrong in %s: %v (run `make setup`)", dir, err)
		}
	}
	return dir
}

// EvalDir is build/eval/anonymizer under the repository root.
func EvalDir() string { return models.EvalDir() }

// PigoSample is pigo's testdata/sample.jpg (one frontal face), as copied
// by setup.
func PigoSample(t testing.TB) *image.RGBA {
	t.Helper()
	return Load(t, filepath.Join(EvalDir(), "pigo_sample.jpg"))
}

// Load decodes an image file into RGBA.
func Load(t testing.TB, path string) *image.RGBA {
	t.Helper()
	img, err := raster.LoadRGBA(path)
	if err != nil {
		t.Fatalf("%v (run `make setup` to install the anonymizer's test media)", err)
	}
	return img
}

// Tile1080p repeats img over a 1920x1080 canvas, for benchmarks.
func Tile1080p(img *image.RGBA) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b := img.Bounds()
	for y := 0; y < 1080; y += b.Dy() {
		for x := 0; x < 1920; x += b.Dx() {
			draw.Draw(out, image.Rect(x, y, x+b.Dx(), y+b.Dy()), img, b.Min, draw.Src)
		}
	}
	return out
}
