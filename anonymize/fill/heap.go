package fill

// heapItem is a narrow-band pixel keyed by its arrival time.
type heapItem struct {
	t float64
	i int32
}

// minHeap orders by time, then by pixel index, so equal times pop in the
// same order on every machine.
type minHeap []heapItem

func (h minHeap) less(a, b int) bool {
	if h[a].t != h[b].t {
		return h[a].t < h[b].t
	}
	return h[a].i < h[b].i
}

func (h *minHeap) push(it heapItem) {
	*h = append(*h, it)
	s := *h
	for c := len(s) - 1; c > 0; {
		p := (c - 1) / 2
		if !s.less(c, p) {
			break
		}
		s[c], s[p] = s[p], s[c]
		c = p
	}
}

func (h *minHeap) pop() heapItem {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for p := 0; ; {
		c := 2*p + 1
		if c >= len(s) {
			break
		}
		if c+1 < len(s) && s.less(c+1, c) {
			c++
		}
		if !s.less(c, p) {
			break
		}
		s[c], s[p] = s[p], s[c]
		p = c
	}
	*h = s
	return top
}
