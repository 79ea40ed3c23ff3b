package pigo

import (
	"cmp"
	"image"
	"slices"
	"sort"
)

// focus is the set of rectangles (plane coordinates) a restricted scan
// searches near (anonymize.NearDetector): a window of side s centred on
// (row, col) is searched when it overlaps a rectangle grown by s/2 on each
// side, that is when its centre lies less than s from the rectangle on
// both axes. A nil focus searches every window.
type focus struct {
	rects []image.Rectangle
	spans [][2]int // scratch: ranges of cols indices, one per rectangle
}

// windows writes into live the centre columns of the windows of the row
// (centres cols, side size) to search, in order, and returns how many
// there are. Each rectangle the row is near keeps a range of cols
// (ascending: found by binary search); the ranges are merged, so each
// column is kept once, in order, as a test per column would keep it.
func (f *focus) windows(row, size int, cols, live []int32) int {
	if f == nil {
		return copy(live, cols)
	}
	f.spans = f.spans[:0]
	for _, r := range f.rects {
		if row <= r.Min.Y-size || row >= r.Max.Y+size {
			continue
		}
		a := sort.Search(len(cols), func(i int) bool { return int(cols[i]) > r.Min.X-size })
		b := sort.Search(len(cols), func(i int) bool { return int(cols[i]) >= r.Max.X+size })
		if a < b {
			f.spans = append(f.spans, [2]int{a, b})
		}
	}
	slices.SortFunc(f.spans, func(p, q [2]int) int { return cmp.Compare(p[0], q[0]) })
	n, end := 0, 0
	for _, s := range f.spans {
		a := max(s[0], end)
		if a < s[1] {
			n += copy(live[n:], cols[a:s[1]])
			end = s[1]
		}
	}
	return n
}
