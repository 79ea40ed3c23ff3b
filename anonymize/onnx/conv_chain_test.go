package onnx

import (
	"math/rand/v2"
	"testing"
)

// randomChain builds a chain of 2 to 5 separable blocks on a 1 x c x h x w
// input: the first block may have stride 2, the others keep the size with
// pads that do and do not allow buffer reuse, may change the channel
// count, and take as residual the block's input, an outside tensor or
// nothing. It returns the chain, its inputs, and each block's inputs with
// nil standing for the previous block's output.
func randomChain(rng *rand.Rand, c, h, w int) (chainKernel, []*Tensor, [][]*Tensor) {
	k := chainKernel{stripBytes: 4 * c * w * (1 + rng.IntN(3))} // steps of a few rows
	var ins []*Tensor
	var blocks [][]*Tensor
	add := func(t *Tensor) int { ins = append(ins, t); return len(ins) - 1 }
	x := &Tensor{Shape: []int{1, c, h, w}, Data: oddValues(rng, c*h*w)}
	n := 2 + rng.IntN(4)
	for b := range n {
		dwin := window{kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, pt: 1, pl: 1, pb: 1, pr: 1}
		switch {
		case b == 0 && rng.IntN(2) == 0:
			dwin = window{kh: 3, kw: 3, sh: 2, sw: 2, dh: 1, dw: 1, pb: 1, pr: 1}
		case rng.IntN(3) == 0:
			dwin.pt, dwin.pb = 2, 0 // no reuse: rows are read two below
		case rng.IntN(3) == 0:
			dwin.pt, dwin.pb = 0, 2
		}
		oh, ow, _ := dwin.outSize(h, w)
		m := c
		if rng.IntN(4) == 0 {
			m = 1 + rng.IntN(9)
		}
		pw := convKernel{win: window{sh: 1, sw: 1, dh: 1, dw: 1}, group: 1, relu: rng.IntN(2) == 0}
		wd := &Tensor{Shape: []int{c, 1, 3, 3}, Data: oddValues(rng, c*9)}
		bd := &Tensor{Shape: []int{c}, Data: oddValues(rng, c)}
		wp := &Tensor{Shape: []int{m, c, 1, 1}, Data: oddValues(rng, m*c)}
		bp := &Tensor{Shape: []int{m}, Data: oddValues(rng, m)}
		var xin *Tensor // nil: the previous block's output
		args := []int{-1}
		if b == 0 {
			xin = x
			args[0] = add(x)
		}
		block := []*Tensor{xin, wd, bd, wp, bp}
		args = append(args, add(wd), add(bd), add(wp), add(bp))
		switch r := rng.IntN(3); {
		case r == 0 && b > 0 && m == c && oh == h && ow == w:
			pw.residual = true
			block = append(block, nil)
			args = append(args, -1)
		case r == 1:
			pw.residual = true
			res := &Tensor{Shape: []int{1, m, oh, ow}, Data: oddValues(rng, m*oh*ow)}
			block = append(block, res)
			args = append(args, add(res))
		}
		k.blocks = append(k.blocks, separableKernel{depthwise: convKernel{win: dwin, group: c}.prepare(wd), pointwise: pw.prepare(wp), stripBytes: 4 * (1 + rng.IntN(4096))})
		k.args = append(k.args, args)
		blocks = append(blocks, block)
		c, h, w = m, oh, ow
	}
	return k, ins, blocks
}

// TestChainMatchesSeparateBlocks runs random chains, in steps of random
// height and with warm arenas (so reused buffers hold old values), against
// their blocks run one after the other on the portable loops.
func TestChainMatchesSeparateBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	a := newArena()
	for trial := range 120 {
		w := 2 + rng.IntN(40)
		if trial%2 == 0 {
			w = 16 * (1 + rng.IntN(3)) // whole gemm blocks per row: steps are not rounded up
		}
		k, ins, blocks := randomChain(rng, 1+rng.IntN(6), 2+rng.IntN(30), w)
		got, err := k.run(ins, a)
		if err != nil {
			t.Fatal(err)
		}
		var want *Tensor
		withoutVectorKernels(func() {
			for b, in := range blocks {
				in = append([]*Tensor(nil), in...)
				for i, x := range in {
					if x == nil && (i == 0 || i == 5) {
						in[i] = want
					}
				}
				if want, err = k.blocks[b].run(in, nil); err != nil {
					t.Fatal(err)
				}
			}
		})
		if !sameShape(got.Shape, want.Shape) {
			t.Fatalf("trial %d: shape %v, separate blocks %v", trial, got.Shape, want.Shape)
		}
		if i := sameBits(got.Data, want.Data); i >= 0 {
			t.Fatalf("trial %d (%d blocks, input %v): value %d is %v, separate blocks %v", trial, len(blocks), ins[0].Shape, i, got.Data[i], want.Data[i])
		}
		a.recycle(got)
	}
}
