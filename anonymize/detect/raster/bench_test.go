package raster

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkDownscale1080p is a 1920x1080 grey plane resampled to every
// level of a cascade scan (scale 2 to 32, x1.1).
func BenchmarkDownscale1080p(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	g := &Gray{W: 1920, H: 1080, Pix: make([]uint8, 1920*1080)}
	for i := range g.Pix {
		g.Pix[i] = uint8(rng.IntN(256))
	}
	for b.Loop() {
		for scale := 2.0; scale < 32; scale *= 1.1 {
			g.Downscale(int(math.Round(1920/scale)), int(math.Round(1080/scale)))
		}
	}
}
