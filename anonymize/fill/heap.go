package fill

// heapItem is a narrow-band pixel keyed by its arrival time.
type heapItem struct {
	t float64
	i int32
}

// minHeap orders by time, then by pixel index, so equal times pop in the
// same order on every machine.
type minHeap []heapItem

// before reports whether it pops before o. No two items are equal (a pixel
// is pushed again only with a smaller time), so the pop order is fixed by
// the items alone, whatever the heap's layout.
func (it heapItem) before(o heapItem) bool {
	if it.t != o.t {
		return it.t < o.t
	}
	return it.i < o.i
}

// push and pop move a hole rather than swapping: each level is one copy.
func (h *minHeap) push(it heapItem) {
	*h = append(*h, it)
	s := *h
	c := len(s) - 1
	for c > 0 {
		p := (c - 1) / 2
		if !it.before(s[p]) {
			break
		}
		s[c] = s[p]
		c = p
	}
	s[c] = it
}

func (h *minHeap) pop() heapItem {
	s := *h
	top := s[0]
	last := len(s) - 1
	it := s[last]
	s = s[:last]
	*h = s
	if last == 0 {
		return top
	}
	p := 0
	for {
		c := 2*p + 1
		if c >= last {
			break
		}
		if c+1 < last && s[c+1].before(s[c]) {
			c++
		}
		if !s[c].before(it) {
			break
		}
		s[p] = s[c]
		p = c
	}
	s[p] = it
	return top
}
