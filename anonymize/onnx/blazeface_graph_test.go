package onnx

import (
	"maps"
	"path/filepath"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

// TestBlazeFaceOpTypes pins the operator inventory of both shipped
// networks: a new op in a model update must fail here, not at run time.
func TestBlazeFaceOpTypes(t *testing.T) {
	want := map[string]map[string]int{
		"face_detection_back_256x256_barracuda.onnx": {
			"Add": 31, "Concat": 2, "ConstantOfShape": 2, "Conv": 69, "MaxPool": 3, "Relu": 33, "Reshape": 4, "Transpose": 5},
		"face_detection_front_128x128_barracuda.onnx": {
			"Add": 16, "Concat": 11, "ConstantOfShape": 11, "Conv": 37, "MaxPool": 3, "Relu": 17, "Reshape": 4, "Transpose": 5},
	}
	dir := detecttest.ModelsDir(t)
	for file, ops := range want {
		m, err := LoadFile(filepath.Join(dir, "blazeface", file))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Graph.OpTypes(); !maps.Equal(got, ops) {
			t.Errorf("%s: op types %v, want %v", file, got, ops)
		}
		if _, err := NewSession(m); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// TestRunIsDeterministic runs the front network twice on the same input
// and demands identical bits.
func TestRunIsDeterministic(t *testing.T) {
	m, err := LoadFile(filepath.Join(detecttest.ModelsDir(t), "blazeface", "face_detection_front_128x128_barracuda.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(m)
	if err != nil {
		t.Fatal(err)
	}
	in := NewTensor(1, 128, 128, 3)
	for i := range in.Data {
		in.Data[i] = float32(i%255)/127.5 - 1
	}
	a, err := s.Run(map[string]*Tensor{"input:0": in})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Run(map[string]*Tensor{"input:0": in})
	if err != nil {
		t.Fatal(err)
	}
	for name, ta := range a {
		for i, v := range ta.Data {
			if b[name].Data[i] != v {
				t.Fatalf("%s[%d]: %v then %v", name, i, v, b[name].Data[i])
			}
		}
	}
}
