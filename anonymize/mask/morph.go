package mask

import "image"

// The structuring element of radius r is the digital disc {(dx,dy):
// dx²+dy² <= r²}. Radius 0 leaves the mask unchanged.

// Dilate returns the mask grown by a disc of radius r.
func (m *Mask) Dilate(r int) *Mask {
	out := m.Clone()
	if r <= 0 {
		return out
	}
	b := m.Bounds()
	if b.Empty() {
		return out
	}
	win := b.Inset(-r).Intersect(m.Rect())
	m.threshold(win, sources{m: m, value: 1}, r, out, 1)
	return out
}

// Erode returns the mask shrunk by a disc of radius r. Pixels outside the
// frame count as masked, so a region touching the border does not shrink
// away from it.
func (m *Mask) Erode(r int) *Mask {
	out := m.Clone()
	if r <= 0 {
		return out
	}
	b := m.Bounds()
	if b.Empty() {
		return out
	}
	win := b.Inset(-(r + 1)).Intersect(m.Rect())
	m.threshold(win, sources{m: m, value: 0}, r, out, 0)
	return out
}

// threshold sets to value every pixel of out inside win (and the mask's
// bounds for an erosion, whose pixels outside them are unmasked already)
// within distance r of a source.
func (m *Mask) threshold(win image.Rectangle, src sources, r int, out *Mask, value uint8) {
	r2 := int64(r) * int64(r)
	sqDistRows(win, src, func(y int, row []int64) {
		dst := out.Pix[y*m.W+win.Min.X : y*m.W+win.Max.X]
		for i, d := range row {
			if d <= r2 {
				dst[i] = value
			}
		}
	})
}

// Open removes parts narrower than a disc of radius r (erode, then dilate).
func (m *Mask) Open(r int) *Mask { return m.Erode(r).Dilate(r) }

// Close fills gaps and holes narrower than a disc of radius r (dilate, then
// erode).
func (m *Mask) Close(r int) *Mask { return m.Dilate(r).Erode(r) }
