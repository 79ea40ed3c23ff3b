package blazeface

import (
	"image"

	"github.com/msec-city/msec/anonymize/detect/raster"
)

// tileInput resamples the tile's span of img, black outside the image, to
// the network input and scales channels to [-1, 1].
func (m *Model) tileInput(img *image.RGBA, t tileSpan) []float32 {
	in := raster.Resample(raster.RGBAView(img), raster.Span{X: t.x, Y: t.y, W: t.w, H: t.h}, t.netW, t.netH, 3)
	for i, v := range in {
		in[i] = v/127.5 - 1
	}
	return in
}
