package onnx

import (
	"encoding/binary"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// Test helpers that serialise small ONNX models field by field, the way an
// exporter would, so parser and ops are tested on real wire bytes.

type msg []byte

func (m msg) str(num protowire.Number, s string) msg {
	m = protowire.AppendTag(m, num, protowire.BytesType)
	return protowire.AppendString(m, s)
}

func (m msg) sub(num protowire.Number, b msg) msg {
	m = protowire.AppendTag(m, num, protowire.BytesType)
	return protowire.AppendBytes(m, b)
}

func (m msg) varint(num protowire.Number, v int64) msg {
	m = protowire.AppendTag(m, num, protowire.VarintType)
	return protowire.AppendVarint(m, uint64(v))
}

func (m msg) packedInts(num protowire.Number, vs ...int64) msg {
	var p []byte
	for _, v := range vs {
		p = protowire.AppendVarint(p, uint64(v))
	}
	return m.sub(num, p)
}

func (m msg) fixed32(num protowire.Number, f float32) msg {
	m = protowire.AppendTag(m, num, protowire.Fixed32Type)
	return protowire.AppendFixed32(m, math.Float32bits(f))
}

// floatTensor encodes a float TensorProto with raw_data.
func floatTensor(name string, dims []int64, vals ...float32) msg {
	raw := make([]byte, 4*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	t := msg{}.packedInts(tensorDims, dims...).varint(tensorDataType, dataTypeFloat).str(tensorName, name)
	return t.sub(tensorRawData, raw)
}

// int64Tensor encodes an INT64 TensorProto with int64_data (not packed).
func int64Tensor(name string, vals ...int64) msg {
	t := msg{}.varint(tensorDims, int64(len(vals))).varint(tensorDataType, dataTypeInt64).str(tensorName, name)
	for _, v := range vals {
		t = t.varint(tensorInt64Data, v)
	}
	return t
}

func intsAttr(name string, vs ...int64) msg {
	return msg{}.str(attrName, name).varint(attrType, int64(AttrInts)).packedInts(attrInts, vs...)
}

func intAttr(name string, v int64) msg {
	return msg{}.str(attrName, name).varint(attrType, int64(AttrInt)).varint(attrI, v)
}

func node(op string, inputs, outputs []string, attrs ...msg) msg {
	n := msg{}.str(nodeOpType, op).str(nodeName, op+"_"+outputs[0])
	for _, in := range inputs {
		n = n.str(nodeInput, in)
	}
	for _, out := range outputs {
		n = n.str(nodeOutput, out)
	}
	for _, a := range attrs {
		n = n.sub(nodeAttribute, a)
	}
	return n
}

func valueInfo(name string, dims ...int64) msg {
	shape := msg{}
	for _, d := range dims {
		shape = shape.sub(shapeDim, msg{}.varint(dimValue, d))
	}
	tt := msg{}.varint(1, dataTypeFloat).sub(tensorTypeShape, shape)
	return msg{}.str(valueInfoName, name).sub(valueInfoType, msg{}.sub(typeTensorType, tt))
}

// model wraps nodes and initializers into a ModelProto (opset 12).
func model(inputs, outputs []msg, inits []msg, nodes ...msg) []byte {
	g := msg{}.str(graphName, "test")
	for _, n := range nodes {
		g = g.sub(graphNode, n)
	}
	for _, t := range inits {
		g = g.sub(graphInitializer, t)
	}
	for _, in := range inputs {
		g = g.sub(graphInput, in)
	}
	for _, out := range outputs {
		g = g.sub(graphOutput, out)
	}
	opset := msg{}.str(opsetDomain, "").varint(opsetVersion, 12)
	return msg{}.varint(modelIRVersion, 7).str(modelProducer, "test").sub(modelOpsetImport, opset).sub(modelGraph, g)
}

// convReluModel is X[1,1,3,3] -> Conv(3x3 weights, bias, pad 1) -> Relu -> Y.
func convReluModel() []byte {
	w := floatTensor("W", []int64{1, 1, 3, 3}, 0, 1, 0, 1, -4, 1, 0, 1, 0)
	b := floatTensor("B", []int64{1}, 0.5)
	return model(
		[]msg{valueInfo("X", 1, 1, 3, 3)}, []msg{valueInfo("Y", 1, 1, 3, 3)}, []msg{w, b},
		node("Conv", []string{"X", "W", "B"}, []string{"C"}, intsAttr("kernel_shape", 3, 3), intsAttr("pads", 1, 1, 1, 1)),
		node("Relu", []string{"C"}, []string{"Y"}),
	)
}
