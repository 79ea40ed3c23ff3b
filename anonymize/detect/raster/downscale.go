package raster

// Downscale returns g area-resampled to w x h, rounded to 8 bits.
func (g *Gray) Downscale(w, h int) *Gray {
	f := Resample(Interleaved{Pix: g.Pix, Stride: g.W, Channels: 1, W: g.W, H: g.H},
		Span{W: float64(g.W), H: float64(g.H)}, w, h, 1)
	out := &Gray{W: w, H: h, Pix: make([]uint8, w*h)}
	for i, v := range f {
		out.Pix[i] = uint8(min(v+0.5, 255))
	}
	return out
}
