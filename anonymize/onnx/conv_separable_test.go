package onnx

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestSeparablePathsAgree runs the fused depthwise and pointwise Convs in
// strips of random height, on the vector kernels, and the two Convs one
// after the other on the portable loops: the bits must agree, for both
// strides, with and without bias, residual and Relu, on values including
// NaN, infinities and signed zeros.
func TestSeparablePathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := range 150 {
		c, m := 1+rng.IntN(12), 1+rng.IntN(12)
		h, w := 1+rng.IntN(24), 1+rng.IntN(70)
		st := 1 + trial%2
		dw := convKernel{win: window{kh: 3, kw: 3, sh: st, sw: st, dh: 1, dw: 1, pt: rng.IntN(2), pl: rng.IntN(2), pb: rng.IntN(2), pr: rng.IntN(2)}, group: c}
		oh, ow, err := dw.win.outSize(h, w)
		if err != nil {
			continue
		}
		pw := convKernel{win: window{sh: 1, sw: 1, dh: 1, dw: 1}, group: 1, residual: rng.IntN(2) == 0, relu: rng.IntN(2) == 0}
		x := &Tensor{Shape: []int{1, c, h, w}, Data: oddValues(rng, c*h*w)}
		wd := &Tensor{Shape: []int{c, 1, 3, 3}, Data: oddValues(rng, c*9)}
		wp := &Tensor{Shape: []int{m, c, 1, 1}, Data: oddValues(rng, m*c)}
		var bd, bp *Tensor
		if rng.IntN(3) > 0 {
			bd = &Tensor{Shape: []int{c}, Data: oddValues(rng, c)}
		}
		if rng.IntN(3) > 0 {
			bp = &Tensor{Shape: []int{m}, Data: oddValues(rng, m)}
		}
		pwIn := []*Tensor{wp, bp}
		if pw.residual {
			pwIn = append(pwIn, &Tensor{Shape: []int{1, m, oh, ow}, Data: oddValues(rng, m*oh*ow)})
		}
		k := separableKernel{depthwise: dw.prepare(wd), pointwise: pw.prepare(wp), stripBytes: 4 * c * ow * (1 + rng.IntN(40))}
		fused, err := k.run(append([]*Tensor{x, wd, bd}, pwIn...), newArena())
		if err != nil {
			t.Fatal(err)
		}
		var separate *Tensor
		withoutVectorKernels(func() {
			mid, err := dw.run([]*Tensor{x, wd, bd}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if separate, err = pw.run(append([]*Tensor{mid}, pwIn...), nil); err != nil {
				t.Fatal(err)
			}
		})
		if !sameShape(fused.Shape, separate.Shape) {
			t.Fatalf("trial %d: shape %v, separate Convs %v", trial, fused.Shape, separate.Shape)
		}
		if i := sameBits(fused.Data, separate.Data); i >= 0 {
			t.Fatalf("trial %d (c %d m %d, %dx%d, stride %d): value %d is %v, separate Convs %v", trial, c, m, h, w, st, i, fused.Data[i], separate.Data[i])
		}
	}
}

// TestSessionFusesSeparableBlocks: BlazeFace blocks (depthwise Conv,
// pointwise Conv, Add of the block's input, Relu) become one step, a
// separableKernel for one block and a chainKernel for several, with the
// bits of the nodes run one by one.
func TestSessionFusesSeparableBlocks(t *testing.T) {
	for blocks, want := range map[int]string{1: "onnx.separableKernel", 3: "onnx.chainKernel"} {
		rng := rand.New(rand.NewPCG(17, uint64(blocks)))
		var inits, nodes []msg
		x := "X"
		for b := range blocks {
			n := func(s string) string { return fmt.Sprintf("%s%d", s, b) }
			inits = append(inits, floatTensor(n("WD"), []int64{4, 1, 3, 3}, oddValues(rng, 4*9)...), floatTensor(n("BD"), []int64{4}, oddValues(rng, 4)...),
				floatTensor(n("WP"), []int64{4, 4, 1, 1}, oddValues(rng, 4*4)...), floatTensor(n("BP"), []int64{4}, oddValues(rng, 4)...))
			y := n("Y")
			nodes = append(nodes,
				node("Conv", []string{x, n("WD"), n("BD")}, []string{n("D")}, intAttr("group", 4), intsAttr("pads", 1, 1, 1, 1)),
				node("Conv", []string{n("D"), n("WP"), n("BP")}, []string{n("P")}),
				node("Add", []string{x, n("P")}, []string{n("S")}),
				node("Relu", []string{n("S")}, []string{y}))
			x = y
		}
		m, err := Parse(model([]msg{valueInfo("X", 1, 4, 9, 16)}, []msg{valueInfo(x, 1, 4, 9, 16)}, inits, nodes...))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSession(m)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.steps) != 1 || fmt.Sprintf("%T", s.steps[0].k) != want {
			t.Fatalf("%d blocks: want one %s step, got %d steps, the first a %T", blocks, want, len(s.steps), s.steps[0].k)
		}
		in := &Tensor{Shape: []int{1, 4, 9, 16}, Data: oddValues(rng, 4*9*16)}
		outs, err := s.Run(map[string]*Tensor{"X": in})
		if err != nil {
			t.Fatal(err)
		}
		init := m.Graph.Initializers
		y := in
		for b := range blocks {
			n := func(s string) *Tensor { return init[fmt.Sprintf("%s%d", s, b)] }
			d, err := runOp(t, Node{OpType: "Conv", Attrs: map[string]Attribute{"group": one(4), "pads": ints(1, 1, 1, 1)}}, y, n("WD"), n("BD"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := runOp(t, Node{OpType: "Conv"}, d, n("WP"), n("BP"))
			if err != nil {
				t.Fatal(err)
			}
			sum, err := runOp(t, Node{OpType: "Add"}, y, p)
			if err != nil {
				t.Fatal(err)
			}
			if y, err = runOp(t, Node{OpType: "Relu"}, sum); err != nil {
				t.Fatal(err)
			}
		}
		if i := sameBits(outs[x].Data, y.Data); i >= 0 {
			t.Fatalf("%d blocks: value %d: fused %v, separate %v", blocks, i, outs[x].Data[i], y.Data[i])
		}
	}
}
