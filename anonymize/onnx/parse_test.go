package onnx

import (
	"strings"
	"testing"
)

func TestParseConvReluModel(t *testing.T) {
	m, err := Parse(convReluModel())
	if err != nil {
		t.Fatal(err)
	}
	if m.IRVersion != 7 || m.OpsetVersion != 12 || m.Producer != "test" {
		t.Errorf("header: ir %d opset %d producer %q", m.IRVersion, m.OpsetVersion, m.Producer)
	}
	g := m.Graph
	if len(g.Nodes) != 2 || g.Nodes[0].OpType != "Conv" || g.Nodes[1].OpType != "Relu" {
		t.Fatalf("nodes: %+v", g.Nodes)
	}
	if got := g.Nodes[0].Attrs["pads"]; got.Kind != AttrInts || len(got.Ints) != 4 || got.Ints[0] != 1 {
		t.Errorf("pads attribute: %+v", got)
	}
	w := g.Initializers["W"]
	if w == nil || len(w.Shape) != 4 || w.Data[4] != -4 {
		t.Errorf("W initializer: %+v", w)
	}
	if len(g.Inputs) != 1 || g.Inputs[0].Name != "X" || len(g.Inputs[0].Shape) != 4 || g.Inputs[0].Shape[2] != 3 {
		t.Errorf("inputs: %+v", g.Inputs)
	}
}

func TestParseTensorEncodings(t *testing.T) {
	// float_data, packed, and int32 raw_data decode to the same values as raw floats.
	f := msg{}.packedInts(tensorDims, 2).varint(tensorDataType, dataTypeFloat).str(tensorName, "f")
	f = f.fixed32(tensorFloatData, 1.5).fixed32(tensorFloatData, -2)
	i32 := msg{}.varint(tensorDims, 2).varint(tensorDataType, dataTypeInt32).str(tensorName, "i").sub(tensorRawData, []byte{0xff, 0xff, 0xff, 0xff, 7, 0, 0, 0})
	_, ft, err := parseTensorField(field{num: 5, typ: 2, bytes: f}, "t")
	if err != nil || ft.Data[0] != 1.5 || ft.Data[1] != -2 {
		t.Fatalf("float_data: %+v %v", ft, err)
	}
	_, it, err := parseTensorField(field{num: 5, typ: 2, bytes: i32}, "t")
	if err != nil || it.Ints[0] != -1 || it.Ints[1] != 7 {
		t.Fatalf("int32 raw_data: %+v %v", it, err)
	}
}

func TestParseRejectsBadInput(t *testing.T) {
	good := convReluModel()
	bad := map[string][]byte{
		"truncated":        good[:len(good)-3],
		"not protobuf":     []byte("this is not an onnx file at all"),
		"empty":            {},
		"undefined input":  model(nil, nil, nil, node("Relu", []string{"nowhere"}, []string{"Y"})),
		"output twice":     model([]msg{valueInfo("X", 1)}, nil, nil, node("Relu", []string{"X"}, []string{"Y"}), node("Relu", []string{"X"}, []string{"Y"})),
		"raw size":         model(nil, nil, []msg{floatTensor("W", []int64{3}, 1, 2)}),
		"missing output":   model([]msg{valueInfo("X", 1)}, []msg{valueInfo("Z", 1)}, nil, node("Relu", []string{"X"}, []string{"Y"})),
		"huge dims":        model(nil, nil, []msg{msg{}.packedInts(tensorDims, 1<<20, 1<<20).varint(tensorDataType, dataTypeFloat).str(tensorName, "W")}),
		"unsupported type": model(nil, nil, []msg{msg{}.varint(tensorDims, 1).varint(tensorDataType, 11).str(tensorName, "D")}),
	}
	for name, b := range bad {
		if _, err := Parse(b); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		} else if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: empty error", name)
		}
	}
}

func TestNewSessionRejectsUnsupportedOp(t *testing.T) {
	m, err := Parse(model([]msg{valueInfo("X", 1)}, []msg{valueInfo("Y", 1)}, nil, node("Softmax", []string{"X"}, []string{"Y"})))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewSession(m)
	if err == nil || !strings.Contains(err.Error(), `"Softmax" is not supported`) {
		t.Fatalf("want unsupported-op error, got %v", err)
	}
}

func TestRunConvRelu(t *testing.T) {
	m, err := Parse(convReluModel())
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(m)
	if err != nil {
		t.Fatal(err)
	}
	x := &Tensor{Shape: []int{1, 1, 3, 3}, Data: []float32{1, 2, 3, 4, 5, 6, 7, 8, 9}}
	out, err := s.Run(map[string]*Tensor{"X": x})
	if err != nil {
		t.Fatal(err)
	}
	// Laplacian with zero padding, plus 0.5, then Relu. Centre: 2+4+6+8-20 = 0.
	// Corner (0,0): 2+4-4 = 2. Edge (0,1): 1+3+5-8 = 1.
	want := []float32{2.5, 1.5, 0, 0, 0.5, 0, 0, 0, 0}
	want[2] = relu(2 + 6 - 12 + 0.5)
	want[3] = relu(1 + 7 + 5 - 16 + 0.5)
	want[5] = relu(3 + 9 + 5 - 24 + 0.5)
	want[6] = relu(4 + 8 - 28 + 0.5)
	want[7] = relu(7 + 9 + 5 - 32 + 0.5)
	want[8] = relu(6 + 8 - 36 + 0.5)
	assertData(t, out["Y"], []int{1, 1, 3, 3}, want)
	if _, err := s.Run(map[string]*Tensor{"X": NewTensor(1, 1, 4, 4)}); err == nil {
		t.Error("Run accepted an input of the wrong shape")
	}
	if _, err := s.Run(nil); err == nil {
		t.Error("Run accepted a missing input")
	}
}

func relu(v float32) float32 { return max(v, 0) }

func assertData(t *testing.T, got *Tensor, shape []int, want []float32) {
	t.Helper()
	if !sameShape(got.Shape, shape) {
		t.Fatalf("shape %v, want %v", got.Shape, shape)
	}
	for i := range want {
		if got.Data[i] != want[i] {
			t.Fatalf("data %v, want %v", got.Data, want)
		}
	}
}
