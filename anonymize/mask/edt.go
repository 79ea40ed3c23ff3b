package mask

import "image"

// infDist is larger than any squared distance inside a supported frame.
const infDist = int64(1) << 62

// sqDist computes, for every pixel of win, the squared Euclidean distance to
// the nearest pixel of win where src is true (Felzenszwalb-Huttenlocher,
// two separable passes). Sources outside win are ignored; callers choose win
// so that they cannot matter. Pixels with no source get infDist. The result
// is indexed (y-win.Min.Y)*win.Dx() + (x-win.Min.X).
//
// All arithmetic is integer except the parabola intersection abscissa, a
// single correctly rounded division, so results are identical everywhere.
func sqDist(win image.Rectangle, src func(x, y int) bool) []int64 {
	w, h := win.Dx(), win.Dy()
	out := make([]int64, w*h)
	if w <= 0 || h <= 0 {
		return out
	}
	// Column pass: distance along y to the nearest source in the column.
	for x := 0; x < w; x++ {
		last := -1
		for y := 0; y < h; y++ {
			if src(win.Min.X+x, win.Min.Y+y) {
				last = y
			}
			if last >= 0 {
				out[y*w+x] = int64(y - last)
			} else {
				out[y*w+x] = -1
			}
		}
		last = -1
		for y := h - 1; y >= 0; y-- {
			if out[y*w+x] == 0 {
				last = y
			}
			d := out[y*w+x]
			if last >= 0 && (d < 0 || int64(last-y) < d) {
				d = int64(last - y)
			}
			if d < 0 {
				out[y*w+x] = infDist
			} else {
				out[y*w+x] = d * d
			}
		}
	}
	// Row pass: lower envelope of parabolas f(q) + (x-q)^2.
	f := make([]int64, w)
	v := make([]int, w)
	z := make([]float64, w+1)
	for y := 0; y < h; y++ {
		row := out[y*w : (y+1)*w]
		copy(f, row)
		k := -1
		for q := 0; q < w; q++ {
			if f[q] >= infDist {
				continue
			}
			for {
				if k < 0 {
					k = 0
					v[0] = q
					z[0] = -1e300
					z[1] = 1e300
					break
				}
				p := v[k]
				num := (f[q] + int64(q*q)) - (f[p] + int64(p*p))
				s := float64(num) / float64(2*(q-p))
				if s <= z[k] {
					k--
					continue
				}
				k++
				v[k] = q
				z[k] = s
				z[k+1] = 1e300
				break
			}
		}
		if k < 0 {
			for x := range row {
				row[x] = infDist
			}
			continue
		}
		j := 0
		for x := 0; x < w; x++ {
			for z[j+1] < float64(x) {
				j++
			}
			d := int64(x - v[j])
			row[x] = d*d + f[v[j]]
		}
	}
	return out
}

// SqDistToKeep returns, for every pixel, the squared distance to the nearest
// unmasked pixel (0 for unmasked pixels). Outside the frame counts as
// unmasked, so a hole touching the border is still thin there.
func (m *Mask) SqDistToKeep() []int64 {
	out := make([]int64, m.W*m.H)
	b := m.Bounds()
	if b.Empty() {
		return out
	}
	win := b.Inset(-1)
	d := sqDist(win, func(x, y int) bool { return !m.At(x, y) })
	ww := win.Dx()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out[y*m.W+x] = d[(y-win.Min.Y)*ww+x-win.Min.X]
		}
	}
	return out
}
