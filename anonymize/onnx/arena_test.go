package onnx

import "testing"

func TestArenaReusesFittingBuffersOnly(t *testing.T) {
	a := newArena()
	big := a.uninit(1000)
	a.recycle(big)
	// A tensor far smaller than the free buffer must not take it (it may
	// leave the arena as a run's output).
	if small := a.uninit(10); &small.Data[0] == &big.Data[0] {
		t.Fatal("a 10-element tensor took a 1000-element buffer")
	}
	// One that nearly fills it does, whatever its shape.
	if got := a.uninit(25, 30); &got.Data[0] != &big.Data[0] || len(got.Data) != 750 {
		t.Fatalf("750 elements did not reuse the free 1000-element buffer (len %d)", len(got.Data))
	}
	if len(a.free) != 0 {
		t.Fatalf("%d buffers still free", len(a.free))
	}
	for i := range maxFree + 10 {
		a.recycle(&Tensor{Shape: []int{i + 1}, Data: make([]float32, i+1)})
	}
	if len(a.free) != maxFree || cap(a.free[0]) < 10 {
		t.Fatalf("free list %d long (want %d, the smallest dropped)", len(a.free), maxFree)
	}
}
