package onnx

import (
	"math/rand/v2"
	"testing"
)

// runOp compiles one node and runs it on the given inputs.
func runOp(t *testing.T, n Node, in ...*Tensor) (*Tensor, error) {
	t.Helper()
	if n.Attrs == nil {
		n.Attrs = map[string]Attribute{}
	}
	k, err := compilers[n.OpType](&n)
	if err != nil {
		return nil, err
	}
	return k.run(in, nil)
}

func ints(vs ...int64) Attribute { return Attribute{Kind: AttrInts, Ints: vs} }
func one(v int64) Attribute      { return Attribute{Kind: AttrInt, I: v} }

func tensor(shape []int, data ...float32) *Tensor { return &Tensor{Shape: shape, Data: data} }

func TestConvStrideTwoAsymmetricPads(t *testing.T) {
	// 4x4 ramp, 2x2 box filter of ones, stride 2, pads [0 0 1 1] -> 2x2.
	x := tensor([]int{1, 1, 4, 4}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
	w := tensor([]int{1, 1, 2, 2}, 1, 1, 1, 1)
	out, err := runOp(t, Node{OpType: "Conv", Attrs: map[string]Attribute{"strides": ints(2, 2), "pads": ints(0, 0, 1, 1)}}, x, w)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{1, 1, 2, 2}, []float32{1 + 2 + 5 + 6, 3 + 4 + 7 + 8, 9 + 10 + 13 + 14, 11 + 12 + 15 + 16})
}

func TestConvGroupedAndDilated(t *testing.T) {
	// Two groups of one channel; dilation 2 on a 3x3 input picks the corners.
	x := tensor([]int{1, 2, 3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90)
	w := tensor([]int{2, 1, 2, 2}, 1, 1, 1, 1, 1, 0, 0, -1)
	b := tensor([]int{2}, 100, 0)
	out, err := runOp(t, Node{OpType: "Conv", Attrs: map[string]Attribute{"group": one(2), "dilations": ints(2, 2)}}, x, w, b)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{1, 2, 1, 1}, []float32{100 + 1 + 3 + 7 + 9, 10 - 90})
}

// TestConvPathsAgree checks the pointwise, depthwise and im2col paths give
// the values of the plain direct loop (equal as floats: a padded tap adds
// w*0, which can only turn a -0 sum into +0).
func TestConvPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(shape ...int) *Tensor {
		tt := NewTensor(shape...)
		for i := range tt.Data {
			tt.Data[i] = float32(rng.NormFloat64())
		}
		return tt
	}
	cases := []struct {
		name  string
		x, w  *Tensor
		attrs map[string]Attribute
	}{
		{"pointwise", fill(1, 6, 5, 7), fill(9, 6, 1, 1), map[string]Attribute{}},
		{"depthwise s1", fill(1, 4, 6, 5), fill(4, 1, 3, 3), map[string]Attribute{"group": one(4), "pads": ints(1, 1, 1, 1)}},
		{"depthwise s2", fill(1, 3, 8, 8), fill(3, 1, 3, 3), map[string]Attribute{"group": one(3), "pads": ints(0, 0, 1, 1), "strides": ints(2, 2)}},
		{"im2col 5x5 s2", fill(1, 3, 9, 9), fill(4, 3, 5, 5), map[string]Attribute{"pads": ints(1, 1, 2, 2), "strides": ints(2, 2)}},
		{"im2col 5x5 s2 even width", fill(1, 3, 9, 10), fill(4, 3, 5, 5), map[string]Attribute{"pads": ints(2, 1, 1, 2), "strides": ints(2, 2)}},
		{"im2col 3x3 s2 no pads", fill(1, 2, 7, 8), fill(3, 2, 3, 3), map[string]Attribute{"strides": ints(2, 2)}},
		{"im2col 5x5 s2 strips", fill(1, 3, 41, 401), fill(4, 3, 5, 5), map[string]Attribute{"pads": ints(1, 2, 2, 1), "strides": ints(2, 2)}},
		{"im2col grouped dilated", fill(1, 4, 7, 6), fill(6, 2, 2, 3), map[string]Attribute{"group": one(2), "dilations": ints(2, 1), "pads": ints(1, 0, 0, 2)}},
	}
	for _, c := range cases {
		bias := fill(c.w.Shape[0])
		fast, err := runOp(t, Node{OpType: "Conv", Attrs: c.attrs}, c.x, c.w, bias)
		if err != nil {
			t.Fatal(c.name, err)
		}
		k, _ := compileConv(&Node{OpType: "Conv", Attrs: c.attrs})
		s, err := k.(convKernel).check([]*Tensor{c.x, c.w, bias})
		if err != nil {
			t.Fatal(err)
		}
		slow := NewTensor(fast.Shape...)
		win := k.(convKernel).win
		win.kh, win.kw = s.kh, s.kw
		plane := s.oh * s.ow
		for g := range k.(convKernel).group {
			directConv(slow.Data[g*s.mg*plane:(g+1)*s.mg*plane], s.input[g*s.cg*s.h*s.w:(g+1)*s.cg*s.h*s.w],
				s.weights[g*s.mg*s.cg*s.kh*s.kw:(g+1)*s.mg*s.cg*s.kh*s.kw], s.bias[g*s.mg:(g+1)*s.mg], s, win)
		}
		for i := range fast.Data {
			if fast.Data[i] != slow.Data[i] {
				t.Fatalf("%s: element %d fast %v, direct %v", c.name, i, fast.Data[i], slow.Data[i])
			}
		}
	}
}

func TestConvRejectsMismatches(t *testing.T) {
	x := NewTensor(1, 3, 4, 4)
	if _, err := runOp(t, Node{OpType: "Conv"}, x, NewTensor(2, 2, 3, 3)); err == nil {
		t.Error("accepted weights with the wrong channel count")
	}
	if _, err := runOp(t, Node{OpType: "Conv"}, x, NewTensor(2, 3, 5, 5)); err == nil {
		t.Error("accepted a kernel larger than the input")
	}
	if _, err := runOp(t, Node{OpType: "Conv", Attrs: map[string]Attribute{"auto_pad": {Kind: AttrString, S: "SAME_UPPER"}}}, x, NewTensor(2, 3, 3, 3)); err == nil {
		t.Error("accepted auto_pad SAME_UPPER")
	}
}

func TestRelu(t *testing.T) {
	out, err := runOp(t, Node{OpType: "Relu"}, tensor([]int{4}, -1, 0, 2, -0.5))
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{4}, []float32{0, 0, 2, 0})
}

func TestAdd(t *testing.T) {
	out, err := runOp(t, Node{OpType: "Add"}, tensor([]int{2}, 1, 2), tensor([]int{2}, 10, -20))
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{2}, []float32{11, -18})
	if _, err := runOp(t, Node{OpType: "Add"}, tensor([]int{2}, 1, 2), tensor([]int{1}, 1)); err == nil {
		t.Error("accepted shapes that need broadcasting")
	}
}

func TestMaxPoolWithPadding(t *testing.T) {
	x := tensor([]int{1, 1, 3, 3}, -1, -2, -3, -4, -5, -6, -7, -8, -9)
	out, err := runOp(t, Node{OpType: "MaxPool", Attrs: map[string]Attribute{"kernel_shape": ints(2, 2), "strides": ints(2, 2), "pads": ints(0, 0, 1, 1)}}, x)
	if err != nil {
		t.Fatal(err)
	}
	// Padding never wins, even against negative values.
	assertData(t, out, []int{1, 1, 2, 2}, []float32{-1, -3, -7, -9})
	if _, err := runOp(t, Node{OpType: "MaxPool"}, x); err == nil {
		t.Error("accepted MaxPool without kernel_shape")
	}
}

func TestConcat(t *testing.T) {
	a := tensor([]int{1, 1, 2}, 1, 2)
	b := tensor([]int{1, 2, 2}, 3, 4, 5, 6)
	out, err := runOp(t, Node{OpType: "Concat", Attrs: map[string]Attribute{"axis": one(-2)}}, a, b)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{1, 3, 2}, []float32{1, 2, 3, 4, 5, 6})
	c := tensor([]int{2, 1}, 7, 8)
	out, err = runOp(t, Node{OpType: "Concat", Attrs: map[string]Attribute{"axis": one(1)}}, tensor([]int{2, 2}, 1, 2, 3, 4), c)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{2, 3}, []float32{1, 2, 7, 3, 4, 8})
	if _, err := runOp(t, Node{OpType: "Concat", Attrs: map[string]Attribute{"axis": one(0)}}, a, b); err == nil {
		t.Error("accepted inputs differing outside the axis")
	}
}

func TestReshape(t *testing.T) {
	x := tensor([]int{2, 3, 2}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	out, err := runOp(t, Node{OpType: "Reshape"}, x, &Tensor{Shape: []int{3}, Ints: []int64{0, -1, 3}})
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{2, 2, 3}, x.Data)
	if _, err := runOp(t, Node{OpType: "Reshape"}, x, &Tensor{Shape: []int{2}, Ints: []int64{5, -1}}); err == nil {
		t.Error("accepted a shape that does not divide the element count")
	}
}

func TestTranspose(t *testing.T) {
	// NHWC [1,2,2,3] -> NCHW [1,3,2,2], the BlazeFace input layout change.
	x := tensor([]int{1, 2, 2, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	out, err := runOp(t, Node{OpType: "Transpose", Attrs: map[string]Attribute{"perm": ints(0, 3, 1, 2)}}, x)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{1, 3, 2, 2}, []float32{1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12})
	out, err = runOp(t, Node{OpType: "Transpose"}, tensor([]int{2, 3}, 1, 2, 3, 4, 5, 6))
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{3, 2}, []float32{1, 4, 2, 5, 3, 6})
	if _, err := runOp(t, Node{OpType: "Transpose", Attrs: map[string]Attribute{"perm": ints(0, 0, 1, 2)}}, x); err == nil {
		t.Error("accepted a perm that is not a permutation")
	}
}

// TestChannelsFirstMatchesAnyTranspose checks the NHWC to NCHW path
// against the general one, over more than one block of positions.
func TestChannelsFirstMatchesAnyTranspose(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for _, shape := range [][]int{{1, 2, 2, 3}, {2, 7, 5, 1}, {1, 33, 41, 3}, {2, 3, 5, 4}} {
		x := &Tensor{Shape: shape, Data: oddValues(rng, numElements(shape))}
		perm := []int{0, 3, 1, 2}
		want := make([]float32, len(x.Data))
		transposeAny(want, x, perm, []int{shape[0], shape[3], shape[1], shape[2]})
		got := make([]float32, len(x.Data))
		channelsFirst(got, x.Data, shape[0], shape[1]*shape[2], shape[3])
		if i := sameBits(got, want); i >= 0 {
			t.Fatalf("shape %v: value %d is %v, want %v", shape, i, got[i], want[i])
		}
	}
}

func TestConstantOfShape(t *testing.T) {
	shape := &Tensor{Shape: []int{2}, Ints: []int64{2, 3}}
	out, err := runOp(t, Node{OpType: "ConstantOfShape"}, shape)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{2, 3}, make([]float32, 6))
	seven := Attribute{Kind: AttrTensor, T: &Tensor{Shape: []int{1}, Data: []float32{7}}}
	out, err = runOp(t, Node{OpType: "ConstantOfShape", Attrs: map[string]Attribute{"value": seven}}, shape)
	if err != nil {
		t.Fatal(err)
	}
	assertData(t, out, []int{2, 3}, []float32{7, 7, 7, 7, 7, 7})
}
