package pigo

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/models"
)

// benchStep times one tree (tr) on 900 windows of size 20 over random
// pixels, every window kept: the vector kernel against the portable loop.
func benchStep(b *testing.B, step treeStep, tr int) {
	if step == nil {
		b.Skip("no vector kernel on this CPU")
	}
	raw, _, err := models.ReadVerified(detecttest.ModelsDir(b), CascadeFile)
	if err != nil {
		b.Fatal(err)
	}
	t, _ := parseTrees(raw)
	w, h := 1920, 200
	pix := make([]uint8, w*h, w*h+3)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range pix {
		pix[i] = uint8(rng.IntN(256))
	}
	var o nodeOffsets
	t.resolve(&o, tr, 20, w)
	n := 900
	cols := make([]int32, n+8)
	sums := make([]float32, n+8)
	row := unsafe.Pointer(&pix[0])
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range n {
			cols[k] = int32(100*w + 20 + 2*k)
			sums[k] = 0
		}
		step(row, cols[:n], sums[:n], &o, &t.leaves[tr], -1e9)
	}
}

func BenchmarkTreeStepGo(b *testing.B)     { benchStep(b, treeStepGo, 0) }
func BenchmarkTreeStepKernel(b *testing.B) { benchStep(b, stepKernel, 0) }
