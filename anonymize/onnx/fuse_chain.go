package onnx

// fuseChains merges runs of consecutive separable steps, each reading the
// output of the one before as its input (and perhaps its residual) when
// no other step reads it and it is not kept, into one chainKernel step.
// The steps are consecutive, so every input from outside the run is ready
// when the run starts.
func fuseChains(steps []step, keep map[string]bool) []step {
	readers := map[string]int{} // value -> how many steps read it
	for _, st := range steps {
		seen := map[string]bool{}
		for _, in := range st.inputs {
			if in != "" && !seen[in] {
				seen[in] = true
				readers[in]++
			}
		}
	}
	// follows: steps[i] continues a run ending at steps[i-1].
	follows := func(i int) bool {
		_, ok1 := steps[i-1].k.(separableKernel)
		_, ok2 := steps[i].k.(separableKernel)
		v := steps[i-1].output
		return ok1 && ok2 && steps[i].inputs[0] == v && readers[v] == 1 && !keep[v]
	}
	var out []step
	for i := 0; i < len(steps); {
		j := i + 1
		for j < len(steps) && follows(j) {
			j++
		}
		if j-i < 2 {
			out = append(out, steps[i])
			i = j
			continue
		}
		ck := chainKernel{stripBytes: chainStripBytes}
		var inputs []string
		for m, st := range steps[i:j] {
			ck.blocks = append(ck.blocks, st.k.(separableKernel))
			args := make([]int, len(st.inputs))
			for a, in := range st.inputs {
				if m > 0 && in == steps[i+m-1].output {
					args[a] = -1
					continue
				}
				args[a] = len(inputs)
				inputs = append(inputs, in)
			}
			ck.args = append(ck.args, args)
		}
		out = append(out, step{k: ck, op: "Conv", node: steps[i].node, inputs: inputs, output: steps[j-1].output})
		i = j
	}
	return out
}
