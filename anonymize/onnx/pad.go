package onnx

import "fmt"

// padKernel appends zero-filled slices along one axis: what a Concat of a
// tensor with a ConstantOfShape of zeros computes, without the fixed shape
// of the constant (see padConcats).
type padKernel struct {
	axis, after int
}

func (k padKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if err := needFloats(in, 1); err != nil {
		return nil, err
	}
	x := in[0]
	if k.axis >= len(x.Shape) {
		return nil, fmt.Errorf("pad axis %d of a rank-%d tensor", k.axis, len(x.Shape))
	}
	shape := append([]int(nil), x.Shape...)
	shape[k.axis] += k.after
	out := a.tensor(shape...)
	outer := numElements(x.Shape[:k.axis])
	block := numElements(x.Shape[k.axis:])
	grown := numElements(shape[k.axis:])
	for o := range outer {
		copy(out.Data[o*grown:], x.Data[o*block:(o+1)*block])
	}
	return out, nil
}

// padConcats rewrites every Concat of one tensor X followed by a constant
// zero tensor Z = ConstantOfShape(S) into "pad X with S[axis] zeros along
// axis", when shapes (the values' shapes for the declared inputs, from a
// probe run) show that S equals X's shape except on the axis. For the
// declared input shapes the result is the same tensor; for other input
// sizes the zeros follow X's size, which is what the exporter's constant
// stood for (TensorFlow's Pad, folded to a fixed shape by tf2onnx).
func padConcats(steps []step, g *Graph, shapes map[string][]int) []step {
	zeroConsts := map[string][]int{} // value -> its constant shape
	for _, st := range steps {
		if k, ok := st.k.(constantOfShapeKernel); ok && k.value == 0 && len(st.inputs) == 1 {
			if s := g.Initializers[st.inputs[0]]; s != nil && s.IsInt() {
				dims := make([]int, len(s.Ints))
				for i, d := range s.Ints {
					dims[i] = int(d)
				}
				zeroConsts[st.output] = dims
			}
		}
	}
	out := make([]step, len(steps))
	for i, st := range steps {
		out[i] = st
		ck, ok := st.k.(concatKernel)
		if !ok || len(st.inputs) != 2 {
			continue
		}
		x, z := shapes[st.inputs[0]], zeroConsts[st.inputs[1]]
		if x == nil || z == nil || len(x) != len(z) {
			continue
		}
		axis, err := normAxis(ck.axis, len(x))
		if err != nil {
			continue
		}
		same := true
		for d := range x {
			same = same && (d == axis || x[d] == z[d])
		}
		if same {
			out[i].k = padKernel{axis: axis, after: z[axis]}
			out[i].inputs = st.inputs[:1]
			out[i].op = "Pad"
		}
	}
	return out
}
