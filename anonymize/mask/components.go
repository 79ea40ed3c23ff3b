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

// run is a horizontal stretch [x0, x1) of masked pixels on row y.
type run struct {
	y, x0, x1 int
}

// Components labels the 8-connected components of m. labels[i] is the
// component label of pixel i (0 for unmasked pixels).
//
// It works on runs rather than pixels: runs on neighbouring rows that
// overlap or touch diagonally are joined (union-find, the smaller run
// index as root), and since runs are found in raster order, the order of
// the roots is the order of the components' first pixels.
func (m *Mask) Components() (labels []int32, comps []Component) {
	labels = make([]int32, len(m.Pix))
	runs, parent := m.joinedRuns()
	if len(runs) == 0 {
		return labels, comps
	}
	label := make([]int32, len(runs))
	for i, r := range runs {
		root := find(parent, i)
		if root == i {
			comps = append(comps, Component{Label: len(comps) + 1, Bounds: image.Rect(r.x0, r.y, r.x1, r.y+1)})
			label[i] = int32(len(comps))
		} else {
			label[i] = label[root]
		}
		c := &comps[label[i]-1]
		c.Area += r.x1 - r.x0
		c.Bounds = c.Bounds.Union(image.Rect(r.x0, r.y, r.x1, r.y+1))
		row := labels[r.y*m.W : (r.y+1)*m.W]
		for x := r.x0; x < r.x1; x++ {
			row[x] = label[i]
		}
	}
	m.keepDistRows(func(y, x0 int, row []int64) {
		for i, d := range row {
			if l := labels[y*m.W+x0+i]; l != 0 && d > comps[l-1].MaxSqDist {
				comps[l-1].MaxSqDist = d
			}
		}
	})
	return labels, comps
}

// joinedRuns lists the mask's runs in raster order and joins every two
// that are 8-connected: runs on consecutive rows whose x ranges, widened
// by one pixel, overlap.
func (m *Mask) joinedRuns() ([]run, []int) {
	var runs []run
	var parent []int
	prevStart, prevEnd := 0, 0 // runs of the previous row: runs[prevStart:prevEnd]
	for y := 0; y < m.H; y++ {
		row := m.Pix[y*m.W : (y+1)*m.W]
		start := len(runs)
		j := prevStart
		for x := 0; x < m.W; {
			if row[x] == 0 {
				x++
				continue
			}
			x0 := x
			for x < m.W && row[x] != 0 {
				x++
			}
			i := len(runs)
			runs = append(runs, run{y: y, x0: x0, x1: x})
			parent = append(parent, i)
			// Previous-row runs ending left of x0-1 cannot touch this or
			// any later run of the row.
			for j < prevEnd && runs[j].x1 < x0 {
				j++
			}
			for k := j; k < prevEnd && runs[k].x0 <= x; k++ {
				union(parent, i, k)
			}
		}
		prevStart, prevEnd = start, len(runs)
	}
	return runs, parent
}

// find returns i's root, halving the path on the way.
func find(parent []int, i int) int {
	for parent[i] != i {
		parent[i] = parent[parent[i]]
		i = parent[i]
	}
	return i
}

// union joins the sets of a and b under the smaller root.
func union(parent []int, a, b int) {
	ra, rb := find(parent, a), find(parent, b)
	if ra < rb {
		parent[rb] = ra
	} else if rb < ra {
		parent[ra] = rb
	}
}
