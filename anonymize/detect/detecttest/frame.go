package detecttest

import (
	"image"
	"path/filepath"
	"testing"
)

// BenchFrame is the 1920x1080 benchmark input: vtest.avi frame 560
// (pedestrians on a campus road) tiled over the canvas, so every
// detector sees people, faces and background at realistic density.
func BenchFrame(b testing.TB) *image.RGBA {
	b.Helper()
	return Tile1080p(Load(b, filepath.Join(EvalDir(), "vtest", "vtest_0560.jpg")))
}
