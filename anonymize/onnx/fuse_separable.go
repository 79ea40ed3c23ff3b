package onnx

import "slices"

// fuseSeparable merges a 3x3 depthwise Conv (without fused Add or Relu)
// with the 1x1 Conv that is the only reader of its output, both with
// constant weights, into one separableKernel at the 1x1 Conv's place
// (the depthwise Conv's inputs are ready there too).
func fuseSeparable(steps []step, g *Graph, keep map[string]bool) []step {
	soleReader := soleReaders(steps, keep)
	merged := map[int]step{} // pointwise step -> the fused step replacing it
	absorbed := make([]bool, len(steps))
	for i, st := range steps {
		dw, ok := st.k.(convKernel)
		if !ok || dw.residual || dw.relu || len(st.inputs) < 2 || !isDepthwise3x3(dw, g.Initializers[st.inputs[1]]) {
			continue
		}
		j, ok := soleReader(st.output)
		if !ok {
			continue
		}
		pw, ok := steps[j].k.(convKernel)
		if !ok || steps[j].inputs[0] != st.output || len(steps[j].inputs) < 2 || !isPointwise(pw, g.Initializers[steps[j].inputs[1]]) {
			continue
		}
		inputs := append(append(slices.Clone(st.inputs), "", "")[:3], steps[j].inputs[1:]...)
		merged[j] = step{k: separableKernel{depthwise: dw, pointwise: pw, stripBytes: separableStripBytes}, op: "Conv", node: st.node, inputs: inputs, output: steps[j].output}
		absorbed[i] = true
	}
	var out []step
	for i, st := range steps {
		if m, ok := merged[i]; ok {
			out = append(out, m)
		} else if !absorbed[i] {
			out = append(out, st)
		}
	}
	return out
}

// isDepthwise3x3 reports whether k with constant weights w convolves each
// channel alone with a 3x3 undilated window.
func isDepthwise3x3(k convKernel, w *Tensor) bool {
	return w != nil && !w.IsInt() && len(w.Shape) == 4 && w.Shape[0] == k.group && w.Shape[1] == 1 &&
		w.Shape[2] == 3 && w.Shape[3] == 3 && k.win.dh == 1 && k.win.dw == 1
}

// isPointwise reports whether k with constant weights w is an ungrouped
// 1x1 convolution, stride 1, unpadded.
func isPointwise(k convKernel, w *Tensor) bool {
	win := k.win
	win.kh, win.kw = 1, 1 // the weights' size, which run checks against the attribute
	return w != nil && !w.IsInt() && len(w.Shape) == 4 && w.Shape[2] == 1 && w.Shape[3] == 1 &&
		k.group == 1 && win.pointwise()
}
