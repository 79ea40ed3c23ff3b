package mask

import "image"

// Component is one 8-connected group of masked pixels.
type Component struct {
	// Label is the component's number (1-based) in raster order of its
	// first pixel, so labels do not depend on anything but the mask.
	Label  int
	Area   int
	Bounds image.Rectangle
	// MaxSqDist is the largest squared distance from a pixel of the
	// component to the nearest unmasked pixel: the squared radius of the
	// widest disc that fits in the hole (thin holes have small values).
	MaxSqDist int64
}

// Components labels the 8-connected components of m. labels[i] is the
// component label of pixel i (0 for unmasked pixels).
func (m *Mask) Components() (labels []int32, comps []Component) {
	labels = make([]int32, len(m.Pix))
	var stack []int
	for start, v := range m.Pix {
		if v == 0 || labels[start] != 0 {
			continue
		}
		c := Component{Label: len(comps) + 1}
		minX, minY, maxX, maxY := m.W, m.H, -1, -1
		labels[start] = int32(c.Label)
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c.Area++
			x, y := i%m.W, i/m.W
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= m.W || ny >= m.H {
						continue
					}
					j := ny*m.W + nx
					if m.Pix[j] != 0 && labels[j] == 0 {
						labels[j] = int32(c.Label)
						stack = append(stack, j)
					}
				}
			}
		}
		c.Bounds = image.Rect(minX, minY, maxX+1, maxY+1)
		comps = append(comps, c)
	}
	if len(comps) == 0 {
		return labels, comps
	}
	d := m.SqDistToKeep()
	for i, l := range labels {
		if l != 0 && d[i] > comps[l-1].MaxSqDist {
			comps[l-1].MaxSqDist = d[i]
		}
	}
	return labels, comps
}
