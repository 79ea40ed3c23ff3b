package box

import "sort"

// Scored is a candidate detection.
type Scored struct {
	Box   Box
	Score float64
}

// SortByScore orders candidates by descending score, breaking ties by
// position and size so the order never depends on input order.
func SortByScore(c []Scored) {
	sort.SliceStable(c, func(i, j int) bool {
		a, b := c[i], c[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Box.Y0 != b.Box.Y0 {
			return a.Box.Y0 < b.Box.Y0
		}
		if a.Box.X0 != b.Box.X0 {
			return a.Box.X0 < b.Box.X0
		}
		if a.Box.Y1 != b.Box.Y1 {
			return a.Box.Y1 < b.Box.Y1
		}
		return a.Box.X1 < b.Box.X1
	})
}

// WeightedMerge clusters candidates greedily: the best remaining candidate
// absorbs every other one overlapping it by at least iou, and the cluster
// becomes the score-weighted mean box with the best score (MediaPipe's
// "weighted NMS"). Output is sorted by score.
func WeightedMerge(cands []Scored, iou float64) []Scored {
	c := append([]Scored(nil), cands...)
	SortByScore(c)
	used := make([]bool, len(c))
	var out []Scored
	for i := range c {
		if used[i] {
			continue
		}
		used[i] = true
		var sx0, sy0, sx1, sy1, sw float64
		for j := i; j < len(c); j++ {
			if j != i && (used[j] || IoU(c[i].Box, c[j].Box) < iou) {
				continue
			}
			used[j] = true
			w := c[j].Score
			// Rounded products: no platform fuses them (FMA).
			sx0 += float64(w * c[j].Box.X0)
			sy0 += float64(w * c[j].Box.Y0)
			sx1 += float64(w * c[j].Box.X1)
			sy1 += float64(w * c[j].Box.Y1)
			sw += w
		}
		merged := c[i].Box
		if sw > 0 {
			merged = Box{sx0 / sw, sy0 / sw, sx1 / sw, sy1 / sw}
		}
		out = append(out, Scored{Box: merged, Score: c[i].Score})
	}
	return out
}

// Suppress keeps candidates in score order, dropping any that overlaps a
// kept one by at least iou, or lies mostly (by `contained` of its area)
// inside a kept one (classic NMS plus containment, for tiles whose cut
// faces produce partial boxes).
func Suppress(cands []Scored, iou, contained float64) []Scored {
	c := append([]Scored(nil), cands...)
	SortByScore(c)
	var kept []Scored
	for _, cand := range c {
		keep := true
		for _, k := range kept {
			inter := cand.Box.Intersect(k.Box).Area()
			if IoU(cand.Box, k.Box) >= iou || (cand.Box.Area() > 0 && inter/cand.Box.Area() >= contained) {
				keep = false
				break
			}
		}
		if keep {
			kept = append(kept, cand)
		}
	}
	return kept
}
