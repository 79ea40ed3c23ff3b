package onnx

import (
	"math"
	"math/rand/v2"
	"testing"
)

// oddValues mixes normal values with the ones whose handling differs most
// easily between code paths: signed zeros, infinities, NaN, subnormals.
func oddValues(rng *rand.Rand, n int) []float32 {
	special := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-40, -1e-40}
	v := make([]float32, n)
	for i := range v {
		if rng.IntN(20) == 0 {
			v[i] = special[rng.IntN(len(special))]
		} else {
			v[i] = float32(rng.NormFloat64())
		}
	}
	return v
}

// withoutVectorKernels runs fn with the portable loops only.
func withoutVectorKernels(fn func()) {
	g, gw, d, d2, mp, di := gemmBlockKernel, gemmWideKernel, depthwiseRowsKernel, depthwiseS2RowsKernel, maxPoolRowKernel, deinterleaveKernel
	gemmBlockKernel, gemmWideKernel, depthwiseRowsKernel, depthwiseS2RowsKernel, maxPoolRowKernel, deinterleaveKernel = nil, nil, nil, nil, nil, nil
	defer func() {
		gemmBlockKernel, gemmWideKernel, depthwiseRowsKernel, depthwiseS2RowsKernel, maxPoolRowKernel, deinterleaveKernel = g, gw, d, d2, mp, di
	}()
	fn()
}

// withoutWideKernel runs fn without the wide gemm kernel: the 4-row
// kernel (where the CPU has one) does its work.
func withoutWideKernel(fn func()) {
	gw := gemmWideKernel
	gemmWideKernel = nil
	defer func() { gemmWideKernel = gw }()
	fn()
}

// sameBits returns the first index where a and b differ in bits, or -1.
// Two NaNs count as equal: which NaN payload an operation returns differs
// between instructions and platforms (arm64's default NaN is not amd64's),
// and no decision depends on it (NaN fails every comparison, and Relu maps
// every NaN to +0).
func sameBits(a, b []float32) int {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return i
		}
	}
	return -1
}

// TestGemmPathsAgree checks the vector kernels (where the CPU has them:
// the wide one and the 4-row one, and the 4-row one alone) give the
// portable loop's bits, for shapes with and without tails, over more than
// one chunk of positions, with bias, residual and Relu, on values
// including NaN and signed zeros.
func TestGemmPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		m, k, n := 1+rng.IntN(21), 1+rng.IntN(40), 1+rng.IntN(70)
		if trial%10 == 0 {
			n = 1 + rng.IntN(2*gemmChunk+80)
		}
		srcStride, dstStride := n+rng.IntN(5), n+rng.IntN(5)
		src := oddValues(rng, k*srcStride)
		mat := newMatrix(oddValues(rng, m*k), m, k)
		var bias []float32
		if rng.IntN(2) == 0 {
			bias = oddValues(rng, m)
		}
		ep := epilogue{relu: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			ep.resStride = n + rng.IntN(3)
			ep.res = oddValues(rng, m*ep.resStride)
		}
		fast := make([]float32, m*dstStride)
		narrow := make([]float32, m*dstStride)
		slow := make([]float32, m*dstStride)
		gemm(fast, dstStride, src, srcStride, mat, bias, ep, n)
		withoutWideKernel(func() { gemm(narrow, dstStride, src, srcStride, mat, bias, ep, n) })
		withoutVectorKernels(func() { gemm(slow, dstStride, src, srcStride, mat, bias, ep, n) })
		if i := sameBits(fast, slow); i >= 0 {
			t.Fatalf("trial %d (m %d k %d n %d): value %d is %v, portable %v", trial, m, k, n, i, fast[i], slow[i])
		}
		if i := sameBits(narrow, slow); i >= 0 {
			t.Fatalf("trial %d (m %d k %d n %d), 4-row kernel: value %d is %v, portable %v", trial, m, k, n, i, narrow[i], slow[i])
		}
	}
}

func TestDepthwisePathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 200 {
		h, w := 1+rng.IntN(20), 1+rng.IntN(80)
		st := 1 + trial%2 // strides 1 and 2 both have a kernel
		win := window{kh: 3, kw: 3, sh: st, sw: st, dh: 1, dw: 1, pt: rng.IntN(3), pl: rng.IntN(3), pb: rng.IntN(3), pr: rng.IntN(3)}
		if trial%4 == 0 { // stride 1, BlazeFace's padding: the in-place path
			win.pl, win.pr, w = 1, 1, 24+rng.IntN(60)
		}
		oh, ow, err := win.outSize(h, w)
		if err != nil {
			continue
		}
		s := convShapes{h: h, w: w, oh: oh, ow: ow}
		x, wts := oddValues(rng, h*w), oddValues(rng, 9)
		bias := oddValues(rng, 1)[0]
		// The vector path runs in strips of random height, the portable
		// one over the whole plane, both on buffers holding garbage:
		// neither may change a value.
		padded := oddValues(rng, depthwisePadLen(s, win, oh))
		fast, slow := make([]float32, oh*ow), make([]float32, oh*ow)
		for oy0 := 0; oy0 < oh; {
			oy1 := min(oh, oy0+1+rng.IntN(4))
			depthwise3x3(fast[oy0*ow:oy1*ow], x, wts, bias, s, win, oy0, oy1, padded)
			oy0 = oy1
		}
		withoutVectorKernels(func() { depthwise3x3(slow, x, wts, bias, s, win, 0, oh, oddValues(rng, len(padded))) })
		want := depthwiseReference(x, wts, bias, s, win)
		if i := sameBits(slow, want); i >= 0 {
			t.Fatalf("trial %d (%dx%d): portable value %d is %v, want %v", trial, h, w, i, slow[i], want[i])
		}
		if i := sameBits(fast, slow); i >= 0 {
			t.Fatalf("trial %d (%dx%d): value %d is %v, portable %v", trial, h, w, i, fast[i], slow[i])
		}
	}
}

// depthwiseReference is the depthwise rule one tap at a time: bias, then
// + w*x for (ky, kx) in order, x being 0 outside the image.
func depthwiseReference(x, w []float32, bias float32, s convShapes, win window) []float32 {
	out := make([]float32, s.oh*s.ow)
	for oy := range s.oh {
		for ox := range s.ow {
			acc := bias
			for ky := range 3 {
				for kx := range 3 {
					var v float32
					iy, ix := oy*win.sh+ky-win.pt, ox*win.sw+kx-win.pl
					if iy >= 0 && iy < s.h && ix >= 0 && ix < s.w {
						v = x[iy*s.w+ix]
					}
					acc += float32(w[3*ky+kx] * v)
				}
			}
			out[oy*s.ow+ox] = acc
		}
	}
	return out
}

// TestMaxPoolPathsAgree checks the 2x2 pooling kernel (where the CPU has
// one) against the portable loop, on rows with and without a tail and
// values including NaN, infinities and signed zeros.
func TestMaxPoolPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 200 {
		oh, ow := 1+rng.IntN(6), 1+rng.IntN(40)
		w := 2*ow + rng.IntN(2)
		src := oddValues(rng, 2*oh*w)
		if trial%4 == 0 { // runs of equal zeros and NaNs
			for i := range src {
				src[i] = []float32{0, float32(math.Copysign(0, -1)), float32(math.NaN()), 1}[rng.IntN(4)]
			}
		}
		fast, slow := make([]float32, oh*ow), make([]float32, oh*ow)
		maxPool2x2(fast, src, w, oh, ow)
		withoutVectorKernels(func() { maxPool2x2(slow, src, w, oh, ow) })
		if i := sameBits(fast, slow); i >= 0 {
			t.Fatalf("trial %d (%dx%d): value %d is %v, portable %v", trial, oh, ow, i, fast[i], slow[i])
		}
	}
}

// TestDeinterleavePathsAgree checks the vector kernel (where the CPU has
// one) against the portable loop, for even and odd lengths with and
// without a tail, each value copied once to its place.
func TestDeinterleavePathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for n := range 100 {
		src := oddValues(rng, n)
		fastE, fastO := oddValues(rng, (n+1)/2+1), oddValues(rng, n/2+1)
		slowE, slowO := append([]float32(nil), fastE...), append([]float32(nil), fastO...)
		deinterleave(fastE, fastO, src)
		withoutVectorKernels(func() { deinterleave(slowE, slowO, src) })
		for i, v := range src {
			got := fastE
			if i%2 == 1 {
				got = fastO
			}
			if sameBits(got[i/2:i/2+1], []float32{v}) >= 0 {
				t.Fatalf("length %d: value %d is %v, want %v", n, i, got[i/2], v)
			}
		}
		if sameBits(fastE, slowE) >= 0 || sameBits(fastO, slowO) >= 0 {
			t.Fatalf("length %d: kernel %v %v, portable %v %v", n, fastE, fastO, slowE, slowO)
		}
	}
}

// TestReluClampsLikeRelu: the fused clamp turns NaN and -0 into +0, as
// the Relu kernel does.
func TestReluClampsLikeRelu(t *testing.T) {
	in := []float32{float32(math.NaN()), float32(math.Copysign(0, -1)), -3, 2, float32(math.Inf(-1))}
	want, err := runOp(t, Node{OpType: "Relu"}, tensor([]int{len(in)}, in...))
	if err != nil {
		t.Fatal(err)
	}
	got := append([]float32(nil), in...)
	reluInPlace(got)
	if i := sameBits(got, want.Data); i >= 0 {
		t.Fatalf("value %d: fused %v, Relu %v", i, got[i], want.Data[i])
	}
}

// TestFusedStepsMatchSeparateNodes runs a residual block (Conv, Conv, Add
// of both, Relu) through a Session, which fuses the Add and Relu into the
// second Conv, and node by node without fusion: the bits must agree.
func TestFusedStepsMatchSeparateNodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	vals := func(n int) []float32 { return oddValues(rng, n) }
	w1, b1, w2, b2 := vals(4*3*3*3), vals(4), vals(4*4), vals(4)
	buf := model(
		[]msg{valueInfo("X", 1, 3, 6, 7)}, []msg{valueInfo("Y", 1, 4, 6, 7)},
		[]msg{floatTensor("W1", []int64{4, 3, 3, 3}, w1...), floatTensor("B1", []int64{4}, b1...),
			floatTensor("W2", []int64{4, 4, 1, 1}, w2...), floatTensor("B2", []int64{4}, b2...)},
		node("Conv", []string{"X", "W1", "B1"}, []string{"A"}, intsAttr("pads", 1, 1, 1, 1)),
		node("Conv", []string{"A", "W2", "B2"}, []string{"C"}),
		node("Add", []string{"A", "C"}, []string{"S"}),
		node("Relu", []string{"S"}, []string{"Y"}),
	)
	m, err := Parse(buf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.steps) != 2 {
		t.Fatalf("want the Add and Relu fused into the second Conv (2 steps), got %d steps", len(s.steps))
	}
	x := &Tensor{Shape: []int{1, 3, 6, 7}, Data: vals(3 * 6 * 7)}
	outs, err := s.Run(map[string]*Tensor{"X": x})
	if err != nil {
		t.Fatal(err)
	}
	init := m.Graph.Initializers
	a, err := runOp(t, Node{OpType: "Conv", Attrs: map[string]Attribute{"pads": ints(1, 1, 1, 1)}}, x, init["W1"], init["B1"])
	if err != nil {
		t.Fatal(err)
	}
	c, err := runOp(t, Node{OpType: "Conv"}, a, init["W2"], init["B2"])
	if err != nil {
		t.Fatal(err)
	}
	sum, err := runOp(t, Node{OpType: "Add"}, a, c)
	if err != nil {
		t.Fatal(err)
	}
	y, err := runOp(t, Node{OpType: "Relu"}, sum)
	if err != nil {
		t.Fatal(err)
	}
	if i := sameBits(outs["Y"].Data, y.Data); i >= 0 {
		t.Fatalf("value %d: fused %v, separate %v", i, outs["Y"].Data[i], y.Data[i])
	}
}

// TestMaxPoolHalvingMatchesGeneralRule checks the 2x2 stride-2 path
// against the general rule evaluated window by window, NaN included.
func TestMaxPoolHalvingMatchesGeneralRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	x := &Tensor{Shape: []int{1, 2, 6, 8}, Data: oddValues(rng, 2*6*8)}
	out, err := runOp(t, Node{OpType: "MaxPool", Attrs: map[string]Attribute{"kernel_shape": ints(2, 2), "strides": ints(2, 2)}}, x)
	if err != nil {
		t.Fatal(err)
	}
	for c := range 2 {
		for oy := range 3 {
			for ox := range 4 {
				want := float32(math.Inf(-1))
				for _, d := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}} {
					if v := x.Data[(c*6+2*oy+d[0])*8+2*ox+d[1]]; v > want {
						want = v
					}
				}
				if got := out.Data[(c*3+oy)*4+ox]; math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("channel %d (%d,%d): %v, want %v", c, oy, ox, got, want)
				}
			}
		}
	}
}

// padModel is X[1,2,4,4] -> MaxPool 2x2 -> Concat(axis 1) with
// ConstantOfShape([1,2,2,2]) zeros -> Y[1,4,2,2]: how tf2onnx exports a
// channel padding.
func padModel() []byte {
	return model(
		[]msg{valueInfo("X", 1, 2, 4, 4)}, []msg{valueInfo("Y", 1, 4, 2, 2)},
		[]msg{int64Tensor("S", 1, 2, 2, 2)},
		node("MaxPool", []string{"X"}, []string{"P"}, intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2)),
		node("ConstantOfShape", []string{"S"}, []string{"Z"}),
		node("Concat", []string{"P", "Z"}, []string{"Y"}, intAttr("axis", 1)),
	)
}

func TestFreeDimsPadFollowsInput(t *testing.T) {
	m, err := Parse(padModel())
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := NewSession(m)
	if err != nil {
		t.Fatal(err)
	}
	free, err := NewSessionWith(m, SessionOptions{FreeDims: map[string][]int{"X": {2, 3}}})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	x := &Tensor{Shape: []int{1, 2, 4, 4}, Data: oddValues(rng, 32)}
	a, err := fixed.Run(map[string]*Tensor{"X": x})
	if err != nil {
		t.Fatal(err)
	}
	b, err := free.Run(map[string]*Tensor{"X": x})
	if err != nil {
		t.Fatal(err)
	}
	if !sameShape(a["Y"].Shape, b["Y"].Shape) || sameBits(a["Y"].Data, b["Y"].Data) >= 0 {
		t.Fatalf("declared shape: pad gives %v %v, concat %v %v", b["Y"].Shape, b["Y"].Data, a["Y"].Shape, a["Y"].Data)
	}
	big := &Tensor{Shape: []int{1, 2, 6, 8}, Data: oddValues(rng, 96)}
	if _, err := fixed.Run(map[string]*Tensor{"X": big}); err == nil {
		t.Error("the fixed session accepted another input size")
	}
	y, err := free.Run(map[string]*Tensor{"X": big})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 4, 3, 4}; !sameShape(y["Y"].Shape, want) {
		t.Fatalf("shape %v, want %v", y["Y"].Shape, want)
	}
	for i, v := range y["Y"].Data[2*12:] {
		if math.Float32bits(v) != 0 {
			t.Fatalf("padded value %d is %v, want +0", i, v)
		}
	}
	if _, err := NewSessionWith(m, SessionOptions{Outputs: []string{"nope"}}); err == nil {
		t.Error("accepted an output that is not a value of the graph")
	}
	only, err := NewSessionWith(m, SessionOptions{Outputs: []string{"P"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only.steps) != 1 {
		t.Errorf("want only the MaxPool to run for output P, got %d steps", len(only.steps))
	}
}
