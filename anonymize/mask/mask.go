// Package mask builds, cleans and encodes the binary mask of pixels to erase.
//
// A Mask is one byte per pixel (1 = private, erase; 0 = keep), row-major.
// Morphology works on each row's runs, widened by the disc's half-widths
// and joined, so its cost grows with the number of runs, not with the
// kernel radius squared; hole widths use an exact Euclidean distance
// transform restricted to the mask's bounding box.
package mask

import (
	"image"
)

// Mask marks the pixels to erase: Pix[y*W+x] is 1 for private pixels and 0
// otherwise. No other values are allowed.
type Mask struct {
	W, H int
	Pix  []uint8
}

// New returns an empty (all-keep) mask of w×h pixels.
func New(w, h int) *Mask {
	return &Mask{W: w, H: h, Pix: make([]uint8, w*h)}
}

// Rect is the mask's frame, (0,0)-(W,H).
func (m *Mask) Rect() image.Rectangle { return image.Rect(0, 0, m.W, m.H) }

// At reports whether (x, y) is masked; outside the frame is unmasked.
func (m *Mask) At(x, y int) bool {
	if x < 0 || y < 0 || x >= m.W || y >= m.H {
		return false
	}
	return m.Pix[y*m.W+x] != 0
}

// Clone returns an independent copy.
func (m *Mask) Clone() *Mask {
	c := &Mask{W: m.W, H: m.H, Pix: make([]uint8, len(m.Pix))}
	copy(c.Pix, m.Pix)
	return c
}

// Count is the number of masked pixels.
func (m *Mask) Count() int {
	n := 0
	for _, v := range m.Pix {
		n += int(v)
	}
	return n
}

// Bounds is the smallest rectangle holding every masked pixel (empty when
// nothing is masked).
func (m *Mask) Bounds() image.Rectangle {
	minX, minY, maxX, maxY := m.W, m.H, -1, -1
	for y := 0; y < m.H; y++ {
		row := m.Pix[y*m.W : (y+1)*m.W]
		first := -1
		for x, v := range row {
			if v != 0 {
				first = x
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for x := m.W - 1; x > first; x-- {
			if row[x] != 0 {
				last = x
				break
			}
		}
		minX, maxX = min(minX, first), max(maxX, last)
		if minY > y {
			minY = y
		}
		maxY = y
	}
	if maxY < 0 {
		return image.Rectangle{}
	}
	return image.Rect(minX, minY, maxX+1, maxY+1)
}

// FillRect masks every pixel of r inside the frame.
func (m *Mask) FillRect(r image.Rectangle) {
	r = r.Intersect(m.Rect())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := m.Pix[y*m.W+r.Min.X : y*m.W+r.Max.X]
		for i := range row {
			row[i] = 1
		}
	}
}

// OrAlpha masks the pixels where a has non-zero alpha (a's own bounds place
// it in the frame).
func (m *Mask) OrAlpha(a *image.Alpha) {
	r := a.Bounds().Intersect(m.Rect())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.Pix[a.PixOffset(x, y)] != 0 {
				m.Pix[y*m.W+x] = 1
			}
		}
	}
}

// Or masks every pixel masked in o (same size required).
func (m *Mask) Or(o *Mask) {
	for i, v := range o.Pix {
		m.Pix[i] |= v
	}
}

// Equal reports whether both masks have the same size and pixels.
func (m *Mask) Equal(o *Mask) bool {
	if m.W != o.W || m.H != o.H {
		return false
	}
	for i, v := range m.Pix {
		if o.Pix[i] != v {
			return false
		}
	}
	return true
}
