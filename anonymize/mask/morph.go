package mask

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
	d := sqDist(win, func(x, y int) bool { return m.Pix[y*m.W+x] != 0 })
	r2 := int64(r) * int64(r)
	ww := win.Dx()
	for y := win.Min.Y; y < win.Max.Y; y++ {
		for x := win.Min.X; x < win.Max.X; x++ {
			if d[(y-win.Min.Y)*ww+x-win.Min.X] <= r2 {
				out.Pix[y*m.W+x] = 1
			}
		}
	}
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
	d := sqDist(win, func(x, y int) bool { return m.Pix[y*m.W+x] == 0 })
	r2 := int64(r) * int64(r)
	ww := win.Dx()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if d[(y-win.Min.Y)*ww+x-win.Min.X] <= r2 {
				out.Pix[y*m.W+x] = 0
			}
		}
	}
	return out
}

// Open removes parts narrower than a disc of radius r (erode, then dilate).
func (m *Mask) Open(r int) *Mask { return m.Erode(r).Dilate(r) }

// Close fills gaps and holes narrower than a disc of radius r (dilate, then
// erode).
func (m *Mask) Close(r int) *Mask { return m.Dilate(r).Erode(r) }
