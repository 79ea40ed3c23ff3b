package mask

import (
	"bytes"
	"cmp"
	"slices"
)

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
	m.spread(max(b.Min.Y-r, 0), min(b.Max.Y+r, m.H), 1, r, out)
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
	m.spread(b.Min.Y, b.Max.Y, 0, r, out)
	return out
}

// Open removes parts narrower than a disc of radius r (erode, then dilate).
func (m *Mask) Open(r int) *Mask { return m.Erode(r).Dilate(r) }

// Close fills gaps and holes narrower than a disc of radius r (dilate, then
// erode).
func (m *Mask) Close(r int) *Mask { return m.Dilate(r).Erode(r) }

// span is a stretch [x0, x1) of a row.
type span struct{ x0, x1 int }

// spread sets to value every pixel of out on rows [y0, y1) within
// distance r of a pixel of m (inside the frame) whose value is value. It
// works on runs: a run of sources on row y+dy reaches the pixels of row y
// up to discHalfWidth(r, dy) beyond its ends, so each output row is the
// union of the runs of the 2r+1 rows around it, each widened by its
// half-width. That is exactly the set a distance transform thresholded
// at r gives, and for the pipeline's masks (boxes: few runs per row, rows
// repeating) it costs a small fraction of one. An output row whose 2r+1
// source rows are those of the row above, one row down, is the row
// above's union.
func (m *Mask) spread(y0, y1 int, value uint8, r int, out *Mask) {
	half := make([]int, r+1)
	for dy := range half {
		half[dy] = discHalfWidth(r, dy)
	}
	// Rows [lo, hi) hold every source row an output row can reach; the
	// rows beyond are outside the frame, without sources.
	lo, hi := max(y0-r, 0), min(y1+r, m.H)
	runs := make([][]span, hi-lo)
	for y := lo; y < hi; y++ {
		runs[y-lo] = m.rowRuns(y, value)
	}
	at := func(y int) []span {
		if y < lo || y >= hi {
			return nil
		}
		return runs[y-lo]
	}
	// changes[t-lo] counts the rows t' in [lo, t) whose runs differ from
	// row t'-1's; rows outside [lo, hi] differ from no neighbour.
	changes := make([]int, hi-lo+2)
	for t := lo; t <= hi; t++ {
		changes[t-lo+1] = changes[t-lo]
		if !slices.Equal(at(t), at(t-1)) {
			changes[t-lo+1]++
		}
	}
	changed := func(a, b int) bool { // any change at rows [a, b]
		a, b = max(a, lo), min(b, hi)
		return a <= b && changes[b-lo+1] > changes[a-lo]
	}
	var union, reach []span
	for y := y0; y < y1; y++ {
		if y == y0 || changed(y-r, y+r) {
			reach = reach[:0]
			for sy := max(y-r, lo); sy < min(y+r+1, hi); sy++ {
				h := half[abs(sy-y)]
				for _, s := range runs[sy-lo] {
					reach = append(reach, span{max(s.x0-h, 0), min(s.x1+h, m.W)})
				}
			}
			union = mergeSpans(reach, union[:0])
		}
		row := out.Pix[y*m.W : (y+1)*m.W]
		for _, s := range union {
			for x := s.x0; x < s.x1; x++ {
				row[x] = value
			}
		}
	}
}

// rowRuns lists the runs of pixels of row y whose value is value (0 or
// 1, the only values a mask holds), finding each end with IndexByte.
func (m *Mask) rowRuns(y int, value uint8) []span {
	var out []span
	row := m.Pix[y*m.W : (y+1)*m.W]
	for x := 0; x < len(row); {
		i := bytes.IndexByte(row[x:], value)
		if i < 0 {
			break
		}
		x0 := x + i
		n := bytes.IndexByte(row[x0:], 1-value)
		if n < 0 {
			n = len(row) - x0
		}
		x = x0 + n
		out = append(out, span{x0, x})
	}
	return out
}

// mergeSpans appends to out the union of spans as sorted, disjoint,
// non-adjacent spans (spans is reordered).
func mergeSpans(spans, out []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.x0, b.x0) })
	for _, s := range spans {
		if s.x0 >= s.x1 {
			continue
		}
		if n := len(out); n > 0 && s.x0 <= out[n-1].x1 {
			out[n-1].x1 = max(out[n-1].x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	return out
}

// discHalfWidth is the largest dx with dx² + dy² <= r², for |dy| <= r.
func discHalfWidth(r, dy int) int {
	v := r*r - dy*dy
	h := 0
	for (h+1)*(h+1) <= v {
		h++
	}
	return h
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
