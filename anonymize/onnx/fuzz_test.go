package onnx

import "testing"

// FuzzParse feeds arbitrary bytes to the parser; whatever parses must also
// compile and, for small inputs, run without panicking.
func FuzzParse(f *testing.F) {
	good := convReluModel()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(model([]msg{valueInfo("X", 1, 2, 2, 1)}, []msg{valueInfo("Y", 1, 1, 2, 2)}, nil,
		node("Transpose", []string{"X"}, []string{"T"}, intsAttr("perm", 0, 3, 1, 2)),
		node("MaxPool", []string{"T"}, []string{"Y"}, intsAttr("kernel_shape", 1, 1))))
	f.Add([]byte{0x3a, 0x02, 0x0a, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		s, err := NewSession(m)
		if err != nil {
			return
		}
		feeds := map[string]*Tensor{}
		for _, in := range s.Inputs() {
			shape := make([]int, len(in.Shape))
			n := 1
			for i, d := range in.Shape {
				shape[i] = max(d, 1)
				n *= shape[i]
			}
			if n > 1<<12 {
				return
			}
			feeds[in.Name] = NewTensor(shape...)
		}
		_, _ = s.Run(feeds)
	})
}
