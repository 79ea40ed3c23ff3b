package main

import (
	"image"
	"math"

	"github.com/msec-city/msec/anonymize/mask"
)

// psnr is the peak signal-to-noise ratio (dB) of got against want over the
// RGB channels of the masked pixels.
func psnr(got, want *image.RGBA, m *mask.Mask) float64 {
	var se float64
	n := 0
	for i, v := range m.Pix {
		if v == 0 {
			continue
		}
		for c := 0; c < 3; c++ {
			d := float64(got.Pix[4*i+c]) - float64(want.Pix[4*i+c])
			se += d * d
		}
		n += 3
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

func luma(img *image.RGBA) []float64 {
	y := make([]float64, len(img.Pix)/4)
	for i := range y {
		y[i] = (299*float64(img.Pix[4*i]) + 587*float64(img.Pix[4*i+1]) + 114*float64(img.Pix[4*i+2])) / 1000
	}
	return y
}

// ssim is the mean structural similarity of the luma of got and want, with
// 7×7 uniform windows centred on the masked pixels.
func ssim(got, want *image.RGBA, m *mask.Mask) float64 {
	const r = 3
	c1, c2 := math.Pow(0.01*255, 2), math.Pow(0.03*255, 2)
	a, b := luma(got), luma(want)
	w, h := m.W, m.H
	var sum float64
	n := 0
	for i, v := range m.Pix {
		if v == 0 {
			continue
		}
		x, y := i%w, i/w
		var sa, sb, saa, sbb, sab, k float64
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				qx, qy := x+dx, y+dy
				if qx < 0 || qy < 0 || qx >= w || qy >= h {
					continue
				}
				p, q := a[qy*w+qx], b[qy*w+qx]
				sa, sb, saa, sbb, sab, k = sa+p, sb+q, saa+p*p, sbb+q*q, sab+p*q, k+1
			}
		}
		ma, mb := sa/k, sb/k
		va, vb, cov := saa/k-ma*ma, sbb/k-mb*mb, sab/k-ma*mb
		sum += ((2*ma*mb + c1) * (2*cov + c2)) / ((ma*ma + mb*mb + c1) * (va + vb + c2))
		n++
	}
	return sum / float64(n)
}
