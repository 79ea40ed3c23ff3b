package cascade

import (
	"image"
	"math"
	"sort"
)

// focus is the set of rectangles (image coordinates) a restricted scan
// searches near (anonymize.NearDetector): a window of ww x wh image pixels
// at (X, Y) is searched when it overlaps a rectangle grown by ww/2 and wh/2
// on each side, that is when its centre lies less than a window size from
// the rectangle on both axes. A nil focus searches every window.
type focus struct {
	rects []image.Rectangle
}

// levelAxis maps a level's window origins to image pixels as the scan
// reports hits: origin i is at round(i*scale).
func levelAxis(n int, scale float64) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = int(math.Round(float64(i) * scale))
	}
	return out
}

// spans appends to out the sorted, disjoint ranges [a, b) of window
// origins x in [0, len(xs)) to search on the row whose windows span image
// rows [y0, y0+wh); xs is levelAxis for the row's origins, ww the window's
// width in image pixels. A nil focus gives the whole row.
func (f *focus) spans(y0, wh, ww int, xs []int, out [][2]int) [][2]int {
	if f == nil {
		return append(out, [2]int{0, len(xs)})
	}
	start := len(out)
	for _, r := range f.rects {
		if 2*y0 >= 2*r.Max.Y+wh || 2*(y0+wh) <= 2*r.Min.Y-wh {
			continue
		}
		a := sort.Search(len(xs), func(i int) bool { return 2*(xs[i]+ww) > 2*r.Min.X-ww })
		b := sort.Search(len(xs), func(i int) bool { return 2*xs[i] >= 2*r.Max.X+ww })
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	got := out[start:]
	sort.Slice(got, func(i, j int) bool { return got[i][0] < got[j][0] })
	merged := got[:0]
	for _, s := range got {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	return out[:start+len(merged)]
}
