package blazeface

import (
	"image"

	"github.com/msec-city/msec/anonymize/detect/raster"
)

// tileInput resamples the square span (x, y, side) of img, black outside
// the image, to the network's input and scales channels to [-1, 1].
func (m *Model) tileInput(img *image.RGBA, x, y, side float64) []float32 {
	t := raster.Resample(raster.RGBAView(img), raster.Span{X: x, Y: y, W: side, H: side}, m.size, m.size, 3)
	for i, v := range t {
		t[i] = v/127.5 - 1
	}
	return t
}
