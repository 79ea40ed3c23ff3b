package onnx

import (
	"fmt"
	"slices"
)

// normAxis maps a possibly negative axis into [0, rank).
func normAxis(axis, rank int) (int, error) {
	if axis < -rank || axis >= rank {
		return 0, fmt.Errorf("axis %d out of range for rank %d", axis, rank)
	}
	if axis < 0 {
		axis += rank
	}
	return axis, nil
}

type concatKernel struct{ axis int }

func compileConcat(n *Node) (kernel, error) {
	if _, ok := n.Attrs["axis"]; !ok {
		return nil, n.errorf("attribute axis is required")
	}
	axis, err := n.intAttr("axis", 0)
	return concatKernel{axis: axis}, err
}

func (k concatKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if len(in) == 0 {
		return nil, fmt.Errorf("no inputs")
	}
	if err := needFloats(in, len(in)); err != nil {
		return nil, err
	}
	rank := len(in[0].Shape)
	axis, err := normAxis(k.axis, rank)
	if err != nil {
		return nil, err
	}
	shape := append([]int(nil), in[0].Shape...)
	shape[axis] = 0
	for i, t := range in {
		if len(t.Shape) != rank {
			return nil, fmt.Errorf("input %d has rank %d, want %d", i, len(t.Shape), rank)
		}
		for d := range rank {
			if d != axis && t.Shape[d] != in[0].Shape[d] {
				return nil, fmt.Errorf("input %d shape %v does not match %v outside axis %d", i, t.Shape, in[0].Shape, axis)
			}
		}
		shape[axis] += t.Shape[axis]
	}
	// Each input contributes a contiguous block of `inner` values per
	// outer index.
	outer := numElements(shape[:axis])
	tail := numElements(shape[axis+1:])
	out := a.uninit(shape...)
	pos := 0
	for o := range outer {
		for _, t := range in {
			block := t.Shape[axis] * tail
			pos += copy(out.Data[pos:], t.Data[o*block:(o+1)*block])
		}
	}
	return out, nil
}

type reshapeKernel struct{}

func compileReshape(n *Node) (kernel, error) {
	if allowZero, err := n.intAttr("allowzero", 0); err != nil || allowZero != 0 {
		if err == nil {
			err = n.errorf("allowzero=%d is not supported", allowZero)
		}
		return nil, err
	}
	return reshapeKernel{}, nil
}

func (reshapeKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if len(in) != 2 || in[0] == nil || in[1] == nil {
		return nil, fmt.Errorf("want data and shape inputs")
	}
	data, spec := in[0], in[1]
	if !spec.IsInt() || len(spec.Shape) != 1 {
		return nil, fmt.Errorf("shape input must be a 1-D integer tensor, got shape %v", spec.Shape)
	}
	shape, err := resolveReshape(data.Shape, spec.Ints)
	if err != nil {
		return nil, err
	}
	// Row-major data is unchanged by a reshape; share nothing so callers
	// may not alias each other's buffers.
	if data.IsInt() {
		return &Tensor{Shape: shape, Ints: append([]int64(nil), data.Ints...)}, nil
	}
	out := a.tensor(shape...)
	copy(out.Data, data.Data)
	return out, nil
}

// resolveReshape applies ONNX rules: 0 copies the input dimension, one -1
// is inferred from the element count.
func resolveReshape(from []int, spec []int64) ([]int, error) {
	shape := make([]int, len(spec))
	infer := -1
	known := 1
	for i, v := range spec {
		switch {
		case v == 0:
			if i >= len(from) {
				return nil, fmt.Errorf("shape %v: 0 at index %d but input has rank %d", spec, i, len(from))
			}
			shape[i] = from[i]
		case v == -1:
			if infer >= 0 {
				return nil, fmt.Errorf("shape %v has more than one -1", spec)
			}
			infer = i
			continue
		case v < 0 || v > maxTensorElements:
			return nil, fmt.Errorf("shape %v: bad dimension %d", spec, v)
		default:
			shape[i] = int(v)
		}
		known *= shape[i]
	}
	total := numElements(from)
	if infer >= 0 {
		if known == 0 || total%known != 0 {
			return nil, fmt.Errorf("cannot infer -1 in %v from %d elements", spec, total)
		}
		shape[infer] = total / known
	} else if known != total {
		return nil, fmt.Errorf("shape %v has %d elements, input %v has %d", spec, known, from, total)
	}
	return shape, nil
}

type transposeKernel struct{ perm []int }

func compileTranspose(n *Node) (kernel, error) {
	perm, err := n.intsAttr("perm", nil, 0)
	return transposeKernel{perm: perm}, err
}

func (k transposeKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if err := needFloats(in, 1); err != nil {
		return nil, err
	}
	x := in[0]
	rank := len(x.Shape)
	perm := k.perm
	if perm == nil { // default: reverse the axes
		perm = make([]int, rank)
		for i := range perm {
			perm[i] = rank - 1 - i
		}
	}
	if err := checkPerm(perm, rank); err != nil {
		return nil, err
	}
	shape := make([]int, rank)
	for i, p := range perm {
		shape[i] = x.Shape[p]
	}
	out := a.uninit(shape...)
	if slices.Equal(perm, []int{0, 3, 1, 2}) {
		channelsFirst(out.Data, x.Data, x.Shape[0], x.Shape[1]*x.Shape[2], x.Shape[3])
	} else {
		transposeAny(out.Data, x, perm, shape)
	}
	return out, nil
}

// transposeAny writes x with its axes permuted by perm (giving shape) to
// out, stepping through the output in order.
func transposeAny(out []float32, x *Tensor, perm, shape []int) {
	rank := len(shape)
	inStrides := strides(x.Shape)
	// srcStep[i] is how far the input index moves when output axis i
	// advances.
	srcStep := make([]int, rank)
	for i, p := range perm {
		srcStep[i] = inStrides[p]
	}
	idx := make([]int, rank)
	src := 0
	for o := range out {
		out[o] = x.Data[src]
		for d := rank - 1; d >= 0; d-- {
			idx[d]++
			src += srcStep[d]
			if idx[d] < shape[d] {
				break
			}
			src -= srcStep[d] * shape[d]
			idx[d] = 0
		}
	}
}

// channelsFirstBlock is how many positions channelsFirst moves at a time:
// their input stays in L1 while each channel's plane takes its values.
const channelsFirstBlock = 1024

// channelsFirst is the NHWC to NCHW transpose (perm 0,3,1,2, BlazeFace's
// input layout change) of n images of hw positions and c channels.
func channelsFirst(out, x []float32, n, hw, c int) {
	for b := range n {
		img := x[b*hw*c : (b+1)*hw*c]
		planes := out[b*hw*c : (b+1)*hw*c]
		for p0 := 0; p0 < hw; p0 += channelsFirstBlock {
			p1 := min(p0+channelsFirstBlock, hw)
			for ch := range c {
				o := planes[ch*hw+p0 : ch*hw+p1]
				in := img[p0*c+ch:]
				for i := range o {
					o[i] = in[i*c]
				}
			}
		}
	}
}

func checkPerm(perm []int, rank int) error {
	if len(perm) != rank {
		return fmt.Errorf("perm %v has %d axes, input has rank %d", perm, len(perm), rank)
	}
	seen := make([]bool, rank)
	for _, p := range perm {
		if p < 0 || p >= rank || seen[p] {
			return fmt.Errorf("perm %v is not a permutation of 0..%d", perm, rank-1)
		}
		seen[p] = true
	}
	return nil
}

func strides(shape []int) []int {
	s := make([]int, len(shape))
	acc := 1
	for i := len(shape) - 1; i >= 0; i-- {
		s[i] = acc
		acc *= shape[i]
	}
	return s
}

// constantOfShapeKernel fills a float tensor of the given shape with value.
type constantOfShapeKernel struct{ value float32 }

func compileConstantOfShape(n *Node) (kernel, error) {
	a, ok := n.Attrs["value"]
	if !ok {
		return constantOfShapeKernel{}, nil
	}
	if a.Kind != AttrTensor || a.T == nil || a.T.Len() != 1 {
		return nil, n.errorf("attribute value must be a one-element tensor")
	}
	if a.T.IsInt() {
		return nil, n.errorf("attribute value: integer output is not supported")
	}
	return constantOfShapeKernel{value: a.T.Data[0]}, nil
}

func (k constantOfShapeKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if len(in) != 1 || in[0] == nil || !in[0].IsInt() || len(in[0].Shape) != 1 {
		return nil, fmt.Errorf("want one 1-D integer shape input")
	}
	shape := make([]int, len(in[0].Ints))
	n := int64(1)
	for i, d := range in[0].Ints {
		if d < 0 || d > maxTensorElements {
			return nil, fmt.Errorf("bad dimension %d in %v", d, in[0].Ints)
		}
		n *= d
		if n > maxTensorElements {
			return nil, fmt.Errorf("shape %v is too large", in[0].Ints)
		}
		shape[i] = int(d)
	}
	out := a.tensor(shape...)
	if k.value != 0 {
		for i := range out.Data {
			out.Data[i] = k.value
		}
	}
	return out, nil
}
