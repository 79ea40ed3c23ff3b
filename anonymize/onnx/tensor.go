package onnx

import "fmt"

// Tensor is a dense row-major tensor. Float tensors hold Data; integer
// tensors (shapes, as Reshape and ConstantOfShape take them) hold Ints.
type Tensor struct {
	Shape []int
	Data  []float32
	Ints  []int64
}

// NewTensor returns a zero float32 tensor of the given shape.
func NewTensor(shape ...int) *Tensor {
	return &Tensor{Shape: append([]int(nil), shape...), Data: make([]float32, numElements(shape))}
}

// Len is the number of elements the shape describes.
func (t *Tensor) Len() int { return numElements(t.Shape) }

// IsInt reports whether the tensor holds integers rather than floats.
func (t *Tensor) IsInt() bool { return t.Ints != nil }

func numElements(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// checkShape verifies the shape is non-negative and matches the payload.
func (t *Tensor) checkShape() error {
	for _, d := range t.Shape {
		if d < 0 {
			return fmt.Errorf("negative dimension in shape %v", t.Shape)
		}
	}
	n := t.Len()
	if t.IsInt() {
		if len(t.Ints) != n {
			return fmt.Errorf("shape %v needs %d integers, have %d", t.Shape, n, len(t.Ints))
		}
		return nil
	}
	if len(t.Data) != n {
		return fmt.Errorf("shape %v needs %d floats, have %d", t.Shape, n, len(t.Data))
	}
	return nil
}
