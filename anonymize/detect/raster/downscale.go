package raster

// Downscale returns g area-resampled to w x h, rounded to 8 bits.
func (g *Gray) Downscale(w, h int) *Gray {
	out := &Gray{W: w, H: h, Pix: make([]uint8, w*h)}
	src := Interleaved{Pix: g.Pix, Stride: g.W, Channels: 1, W: g.W, H: g.H}
	resampleRows(src, Span{W: float64(g.W), H: float64(g.H)}, w, h, 1, func(oy int, row []float32) {
		dst := out.Pix[oy*w : (oy+1)*w]
		for i, v := range row {
			dst[i] = uint8(min(v+0.5, 255))
		}
	})
	return out
}
