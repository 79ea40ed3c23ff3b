package cascade

import "image"

// groupRects merges raw window hits as OpenCV's groupRectangles does:
// hits whose corners differ by at most eps*(mean of the smaller sides) are
// one object; objects with at most minNeighbors hits are dropped, and so is
// an object lying inside a better-supported one. Returns boxes with their
// hit counts, in order of first hit.
func groupRects(hits []image.Rectangle, minNeighbors int, eps float64) ([]image.Rectangle, []int) {
	labels := partition(hits, eps)
	n := 0
	for _, l := range labels {
		n = max(n, l+1)
	}
	sums := make([][4]int, n)
	counts := make([]int, n)
	for i, r := range hits {
		l := labels[i]
		sums[l][0] += r.Min.X
		sums[l][1] += r.Min.Y
		sums[l][2] += r.Dx()
		sums[l][3] += r.Dy()
		counts[l]++
	}
	avg := make([]image.Rectangle, n)
	for l := range n {
		k := float64(counts[l])
		x, y := int(float64(sums[l][0])/k), int(float64(sums[l][1])/k)
		w, h := int(float64(sums[l][2])/k), int(float64(sums[l][3])/k)
		avg[l] = image.Rect(x, y, x+w, y+h)
	}
	var out []image.Rectangle
	var support []int
	for i := range n {
		if counts[i] <= minNeighbors || insideBetter(i, avg, counts, minNeighbors, eps) {
			continue
		}
		out = append(out, avg[i])
		support = append(support, counts[i])
	}
	return out, support
}

func insideBetter(i int, avg []image.Rectangle, counts []int, minNeighbors int, eps float64) bool {
	r1, n1 := avg[i], counts[i]
	for j, r2 := range avg {
		n2 := counts[j]
		if j == i || n2 <= minNeighbors {
			continue
		}
		dx, dy := int(float64(float64(r2.Dx())*eps)+0.5), int(float64(float64(r2.Dy())*eps)+0.5)
		if r1.Min.X >= r2.Min.X-dx && r1.Min.Y >= r2.Min.Y-dy &&
			r1.Max.X <= r2.Max.X+dx && r1.Max.Y <= r2.Max.Y+dy &&
			(n2 > max(3, n1) || n1 < 3) {
			return true
		}
	}
	return false
}

// partition labels hits into equivalence classes of the similarity
// relation (union-find), numbering classes by their first member.
func partition(hits []image.Rectangle, eps float64) []int {
	parent := make([]int, len(hits))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range hits {
		for j := range i {
			if similar(hits[i], hits[j], eps) {
				a, b := find(i), find(j)
				if a != b {
					parent[max(a, b)] = min(a, b)
				}
			}
		}
	}
	labels := make([]int, len(hits))
	ids := make(map[int]int)
	for i := range hits {
		root := find(i)
		id, ok := ids[root]
		if !ok {
			id = len(ids)
			ids[root] = id
		}
		labels[i] = id
	}
	return labels
}

func similar(a, b image.Rectangle, eps float64) bool {
	delta := eps * float64(min(a.Dx(), b.Dx())+min(a.Dy(), b.Dy())) * 0.5
	abs := func(v int) float64 {
		if v < 0 {
			return float64(-v)
		}
		return float64(v)
	}
	return abs(a.Min.X-b.Min.X) <= delta && abs(a.Min.Y-b.Min.Y) <= delta &&
		abs(a.Max.X-b.Max.X) <= delta && abs(a.Max.Y-b.Max.Y) <= delta
}
