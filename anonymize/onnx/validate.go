package onnx

import "fmt"

// validate checks that nodes are topologically sorted: every non-empty
// input is an initializer, a graph input or an earlier node's output, and
// every graph output is produced.
func (g *Graph) validate() error {
	defined := make(map[string]bool, len(g.Initializers)+len(g.Inputs)+len(g.Nodes))
	for name := range g.Initializers {
		defined[name] = true
	}
	for _, vi := range g.Inputs {
		defined[vi.Name] = true
	}
	for i, n := range g.Nodes {
		for _, in := range n.Inputs {
			if in != "" && !defined[in] {
				return fmt.Errorf("node %d (%s %q): input %q is not defined before use", i, n.OpType, n.Name, in)
			}
		}
		for _, out := range n.Outputs {
			if out == "" {
				continue
			}
			if defined[out] {
				return fmt.Errorf("node %d (%s %q): output %q is defined twice", i, n.OpType, n.Name, out)
			}
			defined[out] = true
		}
	}
	for _, vi := range g.Outputs {
		if !defined[vi.Name] {
			return fmt.Errorf("graph output %q is never produced", vi.Name)
		}
	}
	return nil
}
