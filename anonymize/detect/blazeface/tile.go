package blazeface

import (
	"image"
	"sync"

	"github.com/msec-city/msec/anonymize/detect/raster"
)

// tileInput resamples the tile's span of img, black outside the image, to
// the network input and scales channels to [-1, 1] (each resampled value
// v becomes v/127.5 - 1 as it is stored, row by row).
// The slice comes from inputPool: hand it back with putInput once the
// network has run (a session never keeps its inputs).
func (m *Model) tileInput(img *image.RGBA, t tileSpan) []float32 {
	in := getInput(t.netW * t.netH * 3)
	raster.ResampleRows(raster.RGBAView(img), raster.Span{X: t.x, Y: t.y, W: t.w, H: t.h}, t.netW, t.netH, 3, func(oy int, row []float32) {
		toUnitRange(in[oy*len(row):], row)
	})
	return in
}

// inputPool keeps network input buffers between runs: a 1080p level's
// tile is several MB, which a fresh allocation would clear and fault in
// again for every run. Every value is rewritten by tileInput.
var inputPool sync.Pool

func getInput(n int) []float32 {
	if p, ok := inputPool.Get().(*[]float32); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]float32, n)
}

func putInput(in []float32) { inputPool.Put(&in) }
