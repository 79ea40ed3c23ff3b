package onnx

// arena recycles the buffers of intermediate values within one Run: a
// value's buffer is returned once no later node reads it, and the next
// output of the same length takes it. This keeps the garbage collector
// out of the inner loop; a nil arena just allocates.
type arena struct {
	free map[int][][]float32 // by length
}

func newArena() *arena { return &arena{free: make(map[int][][]float32)} }

// tensor returns a zeroed float tensor of the given shape.
func (a *arena) tensor(shape ...int) *Tensor {
	n := numElements(shape)
	t := &Tensor{Shape: append([]int(nil), shape...)}
	if a != nil {
		if bufs := a.free[n]; len(bufs) > 0 {
			t.Data = bufs[len(bufs)-1]
			a.free[n] = bufs[:len(bufs)-1]
			clear(t.Data)
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
