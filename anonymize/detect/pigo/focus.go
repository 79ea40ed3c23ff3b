package pigo

import "image"

// focus is the set of rectangles (plane coordinates) a restricted scan
// searches near (anonymize.NearDetector): a window of side s centred on
// (row, col) is searched when it overlaps a rectangle grown by s/2 on each
// side, that is when its centre lies less than s from the rectangle on
// both axes. A nil focus searches every window.
type focus struct {
	rects []image.Rectangle
}

// windows writes into live the centre columns of the windows of the row
// (centres cols, side size) to search, in order, and returns how many
// there are.
func (f *focus) windows(row, size int, cols, live []int32) int {
	if f == nil {
		return copy(live, cols)
	}
	n := 0
	for _, c := range cols {
		for _, r := range f.rects {
			if row > r.Min.Y-size && row < r.Max.Y+size && int(c) > r.Min.X-size && int(c) < r.Max.X+size {
				live[n] = c
				n++
				break
			}
		}
	}
	return n
}
