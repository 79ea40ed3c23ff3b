package onnx

import (
	"slices"
	"sync"
)

// arena recycles float buffers: within one Run, a value's buffer is
// returned once no later node reads it, and the next output that fits in
// it takes it; a Session keeps its arenas between runs (arenaPool), so a
// warm session allocates almost nothing, whatever the input size. This
// keeps the garbage collector and page clearing out of the inner loop; a
// nil arena just allocates.
type arena struct {
	free [][]float32 // full capacity, any order
	// scratch holds the kernels' working buffers, kept apart from the
	// values' ones: recycle drops the smallest buffers first, which would
	// make every run allocate them again.
	scratch [scratchSlots][]float32
}

// scratchSlot names a working buffer of a kernel; one kernel call uses
// each slot at most once.
type scratchSlot int

const (
	scratchRows  scratchSlot = iota // input rows of a strip, zero-bordered or split
	scratchStrip                    // one strip of im2col patches or of a depthwise result
	scratchSlots
)

// scratchBuf returns slot's buffer holding n arbitrary values; it is
// valid until the slot is asked for again.
func (a *arena) scratchBuf(slot scratchSlot, n int) []float32 {
	if a == nil {
		return make([]float32, n)
	}
	if cap(a.scratch[slot]) < n {
		a.scratch[slot] = make([]float32, n)
	}
	return a.scratch[slot][:n]
}

func newArena() *arena { return &arena{} }

// maxWaste bounds how much larger than a tensor a recycled buffer may be;
// maxFree bounds how many buffers an arena keeps.
const (
	maxWaste = 2
	maxFree  = 64
)

// tensor returns a zeroed float tensor of the given shape.
func (a *arena) tensor(shape ...int) *Tensor {
	t := a.uninit(shape...)
	clear(t.Data)
	return t
}

// uninit returns a float tensor of the given shape whose values are
// arbitrary: for kernels that write every element. It takes the smallest
// free buffer that is large enough but not more than maxWaste times too
// large: a small tensor must not take a large buffer, since values a run
// returns leave the arena, and a large one taken that way would have to
// be allocated again by the next run.
func (a *arena) uninit(shape ...int) *Tensor {
	n := numElements(shape)
	t := &Tensor{Shape: append([]int(nil), shape...)}
	if a != nil {
		best := -1
		for i, b := range a.free {
			if cap(b) >= n && cap(b) <= maxWaste*n && (best < 0 || cap(b) < cap(a.free[best])) {
				best = i
			}
		}
		if best >= 0 {
			t.Data = a.free[best][:n]
			last := len(a.free) - 1
			a.free[best] = a.free[last]
			a.free = a.free[:last]
			return t
		}
	}
	t.Data = make([]float32, n)
	return t
}

// recycle hands back a float buffer no one reads any more. The arena
// keeps at most maxFree buffers, dropping the smallest, so inputs of
// ever new sizes cannot make it grow without bound (BlazeFace's inputs are
// at most 1024 pixels a side, and one run holds about twenty buffers).
func (a *arena) recycle(t *Tensor) {
	if a == nil || t == nil || t.IsInt() || len(t.Data) == 0 {
		return
	}
	a.free = append(a.free, t.Data[:cap(t.Data)])
	if len(a.free) > maxFree {
		small := 0
		for i, b := range a.free {
			if cap(b) < cap(a.free[small]) {
				small = i
			}
		}
		a.free = slices.Delete(a.free, small, small+1)
	}
}

// arenaPool hands each Run an arena, reusing those of finished runs; a
// Session may serve several goroutines, each with its own arena. Idle
// arenas are kept for the session's lifetime (a sync.Pool would drop them
// at every garbage collection, and a 1080p image triggers several), so
// the session holds on to the working memory of its largest runs.
type arenaPool struct {
	mu   sync.Mutex
	idle []*arena
}

func (ap *arenaPool) get() *arena {
	ap.mu.Lock()
	defer ap.mu.Unlock()
	if n := len(ap.idle); n > 0 {
		a := ap.idle[n-1]
		ap.idle = ap.idle[:n-1]
		return a
	}
	return newArena()
}

func (ap *arenaPool) put(a *arena) {
	ap.mu.Lock()
	defer ap.mu.Unlock()
	ap.idle = append(ap.idle, a)
}
