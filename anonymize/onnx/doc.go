// Package onnx is a small pure-Go interpreter for ONNX models made of the
// operators the BlazeFace face detectors use: Conv (including grouped and
// depthwise), Relu, Add, MaxPool, Concat, Reshape, Transpose and
// ConstantOfShape, on float32 tensors.
//
// It parses the ONNX protobuf with protowire (no generated code), keeps only
// the fields those operators need, and runs nodes in graph order. Every
// reduction runs in a fixed order, so a given model and input give the same
// output bits on every run and every machine.
package onnx
