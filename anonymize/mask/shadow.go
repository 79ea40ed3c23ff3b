package mask

import "image"

// Shadow masks the downward shadow of the pixels src marks inside box: every
// pixel reached from a source pixel by going down dy rows (1 <= dy <= reach)
// and sideways at most dy columns. This is the dilation by a downward pie
// slice of 90° (GANonymizer V3's shadow_angle 90), bounded by reach rows.
// src == nil means the whole box is the source.
//
// It runs one row recurrence, dist(x,y) = 1 + min(dist(x-1..x+1, y-1)), so
// its cost is the window's area, whatever reach is.
func (m *Mask) Shadow(box image.Rectangle, src func(x, y int) bool, reach int) {
	box = box.Intersect(m.Rect())
	if box.Empty() || reach <= 0 {
		return
	}
	if src == nil {
		src = func(int, int) bool { return true }
	}
	win := image.Rect(box.Min.X-reach, box.Min.Y, box.Max.X+reach, box.Max.Y+reach).Intersect(m.Rect())
	w := win.Dx()
	const far = 1 << 30
	prev := make([]int, w)
	cur := make([]int, w)
	for i := range prev {
		prev[i] = far
	}
	for y := win.Min.Y; y < win.Max.Y; y++ {
		for i := 0; i < w; i++ {
			x := win.Min.X + i
			if y < box.Max.Y && x >= box.Min.X && x < box.Max.X && src(x, y) {
				cur[i] = 0
				continue
			}
			d := prev[i]
			if i > 0 && prev[i-1] < d {
				d = prev[i-1]
			}
			if i+1 < w && prev[i+1] < d {
				d = prev[i+1]
			}
			if d < far {
				d++
			}
			cur[i] = d
			if d >= 1 && d <= reach {
				m.Pix[y*m.W+x] = 1
			}
		}
		prev, cur = cur, prev
	}
}
