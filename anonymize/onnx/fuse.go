package onnx

import "slices"

// step is one kernel call of a compiled graph: usually one node, but a Conv
// may have absorbed the Add and Relu that follow it, and a Concat with
// zeros may have become a pad.
type step struct {
	k      kernel
	op     string   // the node's op type
	node   int      // the (first) node, for error messages
	inputs []string // value names; "" for an omitted optional input
	output string
}

// nodeSteps is one step per node, in graph order.
func nodeSteps(g *Graph, kernels []kernel) []step {
	steps := make([]step, len(g.Nodes))
	for i, n := range g.Nodes {
		steps[i] = step{k: kernels[i], op: n.OpType, node: i, inputs: n.Inputs, output: n.Outputs[0]}
	}
	return steps
}

// fuse merges steps. A Conv whose only reader is an Add absorbs it when the
// Add's other operand is computed before the Conv (so it is ready when the
// Conv runs), and a Relu that is the only reader of the result is absorbed
// too. The fused kernel applies the same operations to each value in the
// same order, so results do not change; the intermediate tensors are simply
// never written. Then depthwise and pointwise Convs pair up (see
// fuseSeparable), and runs of such pairs become chains (see fuseChains).
// Values in keep (the session's outputs) are never fused
// away.
func fuse(steps []step, g *Graph, keep map[string]bool) []step {
	producer := map[string]int{}
	for i, st := range steps {
		producer[st.output] = i
	}
	soleReader := soleReaders(steps, keep)
	// readyBefore: v is an initializer, a graph input, or computed by a
	// step before i.
	readyBefore := func(v string, i int) bool {
		p, computed := producer[v]
		return !computed || p < i
	}
	absorbed := make([]bool, len(steps))
	var out []step
	for i, st := range steps {
		if absorbed[i] {
			continue
		}
		ck, ok := st.k.(convKernel)
		if !ok {
			out = append(out, st)
			continue
		}
		inputs := st.inputs
		if j, ok := soleReader(st.output); ok && steps[j].op == "Add" && len(steps[j].inputs) == 2 {
			add := steps[j]
			other := add.inputs[0]
			if other == st.output {
				other = add.inputs[1]
			}
			if other != "" && readyBefore(other, i) {
				inputs = append(append(slices.Clone(inputs), "", "")[:3], other)
				st.output = add.output
				ck.residual = true
				absorbed[j] = true
			}
		}
		if j, ok := soleReader(st.output); ok && steps[j].op == "Relu" {
			st.output = steps[j].output
			ck.relu = true
			absorbed[j] = true
		}
		if len(inputs) > 1 {
			if w := g.Initializers[inputs[1]]; w != nil {
				ck = ck.prepare(w)
			}
		}
		st.k, st.inputs = ck, inputs
		out = append(out, st)
	}
	return fuseChains(fuseSeparable(out, g, keep), keep)
}

// soleReaders returns a function giving the one step that reads v, if v is
// read by exactly one step, once, and is not kept.
func soleReaders(steps []step, keep map[string]bool) func(v string) (int, bool) {
	readers := map[string][]int{}
	for i, st := range steps {
		for _, in := range st.inputs {
			if in != "" && !slices.Contains(readers[in], i) {
				readers[in] = append(readers[in], i)
			}
		}
	}
	return func(v string) (int, bool) {
		r := readers[v]
		if len(r) != 1 || keep[v] {
			return 0, false
		}
		n := 0
		for _, in := range steps[r[0]].inputs {
			if in == v {
				n++
			}
		}
		return r[0], n == 1
	}
}

// prune keeps the steps that the wanted values depend on.
func prune(steps []step, want []string) []step {
	needed := map[string]bool{}
	for _, v := range want {
		needed[v] = true
	}
	keep := make([]bool, len(steps))
	for i := len(steps) - 1; i >= 0; i-- {
		if needed[steps[i].output] {
			keep[i] = true
			for _, in := range steps[i].inputs {
				needed[in] = true
			}
		}
	}
	var out []step
	for i, st := range steps {
		if keep[i] {
			out = append(out, st)
		}
	}
	return out
}
