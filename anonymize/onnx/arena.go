package onnx

import "sync"

// arena recycles float buffers: within one Run, a value's buffer is
// returned once no later node reads it, and the next output of the same
// length takes it; a Session keeps its arenas between runs (arenaPool), so
// a warm session allocates almost nothing. This keeps the garbage collector
// out of the inner loop; a nil arena just allocates.
type arena struct {
	free map[int][][]float32 // by length
}

func newArena() *arena { return &arena{free: make(map[int][][]float32)} }

// tensor returns a zeroed float tensor of the given shape.
func (a *arena) tensor(shape ...int) *Tensor {
	t := a.uninit(shape...)
	clear(t.Data)
	return t
}

// uninit returns a float tensor of the given shape whose values are
// arbitrary: for kernels that write every element.
func (a *arena) uninit(shape ...int) *Tensor {
	n := numElements(shape)
	t := &Tensor{Shape: append([]int(nil), shape...)}
	if a != nil {
		if bufs := a.free[n]; len(bufs) > 0 {
			t.Data = bufs[len(bufs)-1]
			a.free[n] = bufs[:len(bufs)-1]
			return t
		}
	}
	t.Data = make([]float32, n)
	return t
}

// recycle hands back a float buffer no one reads any more.
func (a *arena) recycle(t *Tensor) {
	if a == nil || t == nil || t.IsInt() || len(t.Data) == 0 {
		return
	}
	a.free[len(t.Data)] = append(a.free[len(t.Data)], t.Data)
}

// arenaPool hands each Run an arena, reusing those of finished runs; a
// Session may serve several goroutines, each with its own arena.
type arenaPool struct{ p sync.Pool }

func (ap *arenaPool) get() *arena {
	if a, ok := ap.p.Get().(*arena); ok {
		return a
	}
	return newArena()
}

func (ap *arenaPool) put(a *arena) { ap.p.Put(a) }
