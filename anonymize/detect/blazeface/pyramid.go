package blazeface

import "math"

// tileSpan is one network input: the image region [x, x+w) x [y, y+h)
// (fractional pixels, partly outside the image where the input is padded)
// resampled to netW x netH network pixels; x and y scale alike.
type tileSpan struct {
	x, y, w, h float64
	netW, netH int
}

// planTiles covers a w x h image over a scale pyramid. Level k shows faces
// of minFace*ratio^k .. minFace*ratio^(k+1) image pixels at minInputFace
// .. minInputFace*ratio network pixels, which the back model detects
// reliably. The network is fully convolutional, so a level is one input of
// the scaled image's size (rounded up to netAlign, padded with black), cut
// into tiles of at most maxTile network pixels per side only to bound
// memory; neighbouring tiles then overlap by more than the largest face of
// their level, so every face lies whole inside some tile. The last level
// shrinks the whole image so its longer side is netSize, the network's
// declared input.
func planTiles(w, h, netSize int, minFace, minInputFace, ratio, maxUpscale float64, maxTile int) []tileSpan {
	var tiles []tileSpan
	s := float64(netSize)
	for faceLo := minFace; ; faceLo *= ratio {
		scale := math.Min(minInputFace/faceLo, maxUpscale)
		sw, sh := float64(float64(w)*scale), float64(float64(h)*scale) // rounded: no FMA
		if sw <= s && sh <= s || faceLo > float64(max(w, h)) {
			scale = s / math.Max(float64(w), float64(h))
			sw, sh = float64(float64(w)*scale), float64(float64(h)*scale)
			return append(tiles, tileSpan{w: float64(alignUp(sw)) / scale, h: float64(alignUp(sh)) / scale,
				netW: alignUp(sw), netH: alignUp(sh)})
		}
		overlap := math.Ceil(minInputFace * ratio * 1.25)
		xs, tw := tileStarts(sw, overlap, maxTile)
		ys, th := tileStarts(sh, overlap, maxTile)
		for _, ty := range ys {
			for _, tx := range xs {
				tiles = append(tiles, tileSpan{x: tx / scale, y: ty / scale,
					w: float64(tw) / scale, h: float64(th) / scale, netW: tw, netH: th})
			}
		}
	}
}

// alignUp rounds a network length up to a multiple of netAlign.
func alignUp(v float64) int {
	return int(math.Ceil(v/netAlign)) * netAlign
}

// tileStarts cuts [0, length) into the fewest tiles of at most maxTile
// (a multiple of netAlign) that overlap by at least overlap, all of one
// aligned size; it returns their starts, spread evenly from 0 so the
// last one reaches the end, and that size.
func tileStarts(length, overlap float64, maxTile int) ([]float64, int) {
	if alignUp(length) <= maxTile {
		return []float64{0}, alignUp(length)
	}
	n := int(math.Ceil((length - overlap) / (float64(maxTile) - overlap)))
	size := alignUp((length + float64(float64(n-1)*overlap)) / float64(n))
	starts := make([]float64, n)
	for i := range starts {
		starts[i] = math.Round(float64(float64(i)*(length-float64(size))) / float64(n-1))
	}
	return starts, size
}
