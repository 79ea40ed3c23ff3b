package blazeface

import "math"

// tileSpan is one network input: the square [x, x+side) x [y, y+side) of
// the original image.
type tileSpan struct{ x, y, side float64 }

// planTiles covers a w x h image with square tiles over a scale pyramid.
// Level k shows faces of minFace*ratio^k .. minFace*ratio^(k+1) image pixels
// at minInputFace .. minInputFace*ratio network pixels, which the back
// model detects reliably; neighbouring tiles overlap by more than the
// largest face of their level, so every face lies whole inside some tile.
// The last level shrinks the whole image into one tile.
func planTiles(w, h, netSize int, minFace, minInputFace, ratio, maxUpscale float64) []tileSpan {
	var tiles []tileSpan
	s := float64(netSize)
	for faceLo := minFace; ; faceLo *= ratio {
		scale := math.Min(minInputFace/faceLo, maxUpscale)
		sw, sh := float64(float64(w)*scale), float64(float64(h)*scale) // rounded: no FMA
		if sw <= s && sh <= s || faceLo > float64(max(w, h)) {
			// One tile holds the whole image, centred.
			side := math.Max(float64(w), float64(h))
			tiles = append(tiles, tileSpan{x: (float64(w) - side) / 2, y: (float64(h) - side) / 2, side: side})
			return tiles
		}
		overlap := math.Ceil(minInputFace * ratio * 1.25)
		for _, ty := range tileStarts(sh, s, overlap) {
			for _, tx := range tileStarts(sw, s, overlap) {
				tiles = append(tiles, tileSpan{x: tx / scale, y: ty / scale, side: s / scale})
			}
		}
	}
}

// tileStarts spreads tiles of side s over [0, length) so that neighbours
// overlap by at least overlap and the first and last touch the ends.
func tileStarts(length, s, overlap float64) []float64 {
	if length <= s {
		return []float64{0}
	}
	n := int(math.Ceil((length - overlap) / (s - overlap)))
	n = max(n, 2)
	starts := make([]float64, n)
	for i := range starts {
		starts[i] = math.Round(float64(float64(i)*(length-s)) / float64(n-1))
	}
	return starts
}
