package motion

import "image"

// bitmap is a binary mask on a grid of cells (each cell = scale x scale
// image pixels).
type bitmap struct {
	w, h int
	on   []bool
}

// foreground marks cells where any pixel differs from the background by
// more than threshold in some colour channel.
func foreground(img, bg *image.RGBA, scale int, threshold uint8) *bitmap {
	b := img.Bounds()
	m := &bitmap{w: (b.Dx() + scale - 1) / scale, h: (b.Dy() + scale - 1) / scale}
	m.on = make([]bool, m.w*m.h)
	for y := 0; y < b.Dy(); y++ {
		io := img.PixOffset(b.Min.X, b.Min.Y+y)
		bo := bg.PixOffset(b.Min.X, b.Min.Y+y)
		row := img.Pix[io : io+4*b.Dx()]
		brow := bg.Pix[bo : bo+4*b.Dx()]
		cells := m.on[(y/scale)*m.w : (y/scale+1)*m.w]
		for x := 0; x < b.Dx(); x++ {
			for c := range 3 {
				d := int(row[4*x+c]) - int(brow[4*x+c])
				if d > int(threshold) || -d > int(threshold) {
					cells[x/scale] = true
					break
				}
			}
		}
	}
	return m
}

// dilate sets every cell within Chebyshev distance r of a set cell.
func (m *bitmap) dilate(r int) *bitmap { return m.morph(r, true) }

// erode keeps only cells whose whole r-neighbourhood is set.
func (m *bitmap) erode(r int) *bitmap { return m.morph(r, false) }

// morph applies a square structuring element separably (rows, then
// columns); grow chooses dilation (any) or erosion (all). Outside the grid
// counts as unset for dilation and set for erosion, so borders do not eat
// objects.
func (m *bitmap) morph(r int, grow bool) *bitmap {
	pass := func(src []bool, w, h int, horizontal bool) []bool {
		dst := make([]bool, len(src))
		for y := range h {
			for x := range w {
				v := !grow
				for k := -r; k <= r; k++ {
					xx, yy := x, y
					if horizontal {
						xx += k
					} else {
						yy += k
					}
					if xx < 0 || yy < 0 || xx >= w || yy >= h {
						continue
					}
					if src[yy*w+xx] == grow {
						v = grow
						break
					}
				}
				dst[y*w+x] = v
			}
		}
		return dst
	}
	out := pass(m.on, m.w, m.h, true)
	out = pass(out, m.w, m.h, false)
	return &bitmap{w: m.w, h: m.h, on: out}
}

// component is one 8-connected group of set cells.
type component struct {
	cells                  []int // cell indices, in scan order
	minX, minY, maxX, maxY int   // inclusive cell bounds
}

// components labels 8-connected groups by flood fill, in scan order of
// their first cell.
func (m *bitmap) components() []component {
	seen := make([]bool, len(m.on))
	var out []component
	stack := []int{}
	for start, on := range m.on {
		if !on || seen[start] {
			continue
		}
		c := component{minX: m.w, minY: m.h, maxX: -1, maxY: -1}
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c.cells = append(c.cells, i)
			x, y := i%m.w, i/m.w
			c.minX, c.minY = min(c.minX, x), min(c.minY, y)
			c.maxX, c.maxY = max(c.maxX, x), max(c.maxY, y)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= m.w || ny >= m.h {
						continue
					}
					if j := ny*m.w + nx; m.on[j] && !seen[j] {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		out = append(out, c)
	}
	return out
}
