package onnx

import "fmt"

// needFloats checks a kernel got exactly want float tensors.
func needFloats(in []*Tensor, want int) error {
	if len(in) != want {
		return fmt.Errorf("want %d inputs, got %d", want, len(in))
	}
	for i, t := range in {
		if t == nil {
			return fmt.Errorf("input %d is missing", i)
		}
		if t.IsInt() {
			return fmt.Errorf("input %d: want float tensor, got integers", i)
		}
	}
	return nil
}

type reluKernel struct{}

func compileRelu(*Node) (kernel, error) { return reluKernel{}, nil }

func (reluKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if err := needFloats(in, 1); err != nil {
		return nil, err
	}
	x := in[0]
	out := a.tensor(x.Shape...)
	for i, v := range x.Data {
		if v > 0 {
			out.Data[i] = v
		}
	}
	return out, nil
}

// addKernel adds two tensors of equal shape; BlazeFace needs no broadcasting,
// so other shapes are refused rather than guessed at.
type addKernel struct{}

func compileAdd(*Node) (kernel, error) { return addKernel{}, nil }

func (addKernel) run(in []*Tensor, buffers *arena) (*Tensor, error) {
	if err := needFloats(in, 2); err != nil {
		return nil, err
	}
	a, b := in[0], in[1]
	if !sameShape(a.Shape, b.Shape) {
		return nil, fmt.Errorf("shapes %v and %v differ (broadcasting is not supported)", a.Shape, b.Shape)
	}
	out := buffers.uninit(a.Shape...)
	bd := b.Data[:len(a.Data)]
	for i, v := range a.Data {
		out.Data[i] = v + bd[i]
	}
	return out, nil
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
