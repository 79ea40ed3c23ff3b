package onnx

import (
	"fmt"
	"slices"
	"sort"
)

// kernel is one compiled node: attributes checked once, run many times.
type kernel interface {
	run(in []*Tensor, a *arena) (*Tensor, error)
}

// compilers maps every supported op type to its kernel builder.
var compilers = map[string]func(n *Node) (kernel, error){
	"Add":             compileAdd,
	"Concat":          compileConcat,
	"ConstantOfShape": compileConstantOfShape,
	"Conv":            compileConv,
	"MaxPool":         compileMaxPool,
	"Relu":            compileRelu,
	"Reshape":         compileReshape,
	"Transpose":       compileTranspose,
}

// SupportedOps lists the op types the interpreter runs, sorted.
func SupportedOps() []string {
	ops := make([]string, 0, len(compilers))
	for op := range compilers {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	return ops
}

// Session runs a model. It is immutable after NewSession, so one Session
// may serve several goroutines at once.
type Session struct {
	graph   *Graph
	kernels []kernel
	// release[i] lists values no node after i reads, freed to bound memory.
	release [][]string
}

// NewSession compiles every node of m's graph; it fails on the first
// unsupported op or attribute.
func NewSession(m *Model) (*Session, error) {
	g := &m.Graph
	s := &Session{graph: g, kernels: make([]kernel, len(g.Nodes))}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.Domain != "" && n.Domain != "ai.onnx" {
			return nil, fmt.Errorf("node %d (%s %q): domain %q is not supported", i, n.OpType, n.Name, n.Domain)
		}
		compile, ok := compilers[n.OpType]
		if !ok {
			return nil, fmt.Errorf("node %d (%q): op type %q is not supported (supported: %v)", i, n.Name, n.OpType, SupportedOps())
		}
		if len(n.Outputs) != 1 {
			return nil, n.errorf("want 1 output, got %d", len(n.Outputs))
		}
		k, err := compile(n)
		if err != nil {
			return nil, err
		}
		s.kernels[i] = k
	}
	s.release = releasePlan(g)
	return s, nil
}

// releasePlan finds, for each node, the intermediate values last read there.
func releasePlan(g *Graph) [][]string {
	last := make(map[string]int)
	for i, n := range g.Nodes {
		for _, in := range n.Inputs {
			last[in] = i
		}
	}
	keep := make(map[string]bool)
	for _, vi := range g.Outputs {
		keep[vi.Name] = true
	}
	plan := make([][]string, len(g.Nodes))
	for _, vi := range g.Inputs {
		keep[vi.Name] = true // the caller's tensors are never recycled
	}
	for i, n := range g.Nodes {
		for _, in := range n.Inputs {
			_, isInit := g.Initializers[in]
			if in != "" && last[in] == i && !keep[in] && !isInit && !slices.Contains(plan[i], in) {
				plan[i] = append(plan[i], in)
			}
		}
	}
	return plan
}

// Inputs describes the values Run needs.
func (s *Session) Inputs() []ValueInfo { return s.graph.Inputs }

// Outputs describes the values Run returns.
func (s *Session) Outputs() []ValueInfo { return s.graph.Outputs }

// Run feeds the named inputs through the graph and returns its outputs by
// name. Inputs are not modified.
func (s *Session) Run(inputs map[string]*Tensor) (map[string]*Tensor, error) {
	g := s.graph
	values := make(map[string]*Tensor, len(inputs)+8)
	for _, vi := range g.Inputs {
		t, ok := inputs[vi.Name]
		if !ok {
			return nil, fmt.Errorf("onnx: input %q not given", vi.Name)
		}
		if err := checkDeclaredShape(vi, t); err != nil {
			return nil, err
		}
		values[vi.Name] = t
	}
	args := make([]*Tensor, 0, 4)
	buffers := newArena()
	for i := range g.Nodes {
		n := &g.Nodes[i]
		args = args[:0]
		for _, in := range n.Inputs {
			args = append(args, s.lookup(values, in))
		}
		out, err := s.kernels[i].run(args, buffers)
		if err != nil {
			return nil, fmt.Errorf("onnx: %w", n.errorf("%v", err))
		}
		values[n.Outputs[0]] = out
		for _, name := range s.release[i] {
			buffers.recycle(values[name])
			delete(values, name)
		}
	}
	outs := make(map[string]*Tensor, len(g.Outputs))
	for _, vi := range g.Outputs {
		outs[vi.Name] = s.lookup(values, vi.Name)
	}
	return outs, nil
}

// lookup finds a value among run values and initializers; "" (an omitted
// optional input) gives nil.
func (s *Session) lookup(values map[string]*Tensor, name string) *Tensor {
	if t, ok := values[name]; ok {
		return t
	}
	return s.graph.Initializers[name]
}

func checkDeclaredShape(vi ValueInfo, t *Tensor) error {
	if t == nil {
		return fmt.Errorf("onnx: input %q is nil", vi.Name)
	}
	if err := t.checkShape(); err != nil {
		return fmt.Errorf("onnx: input %q: %w", vi.Name, err)
	}
	if vi.Shape == nil {
		return nil
	}
	if len(vi.Shape) != len(t.Shape) {
		return fmt.Errorf("onnx: input %q: want rank %d (shape %v), got shape %v", vi.Name, len(vi.Shape), vi.Shape, t.Shape)
	}
	for i, d := range vi.Shape {
		if d >= 0 && d != t.Shape[i] {
			return fmt.Errorf("onnx: input %q: want shape %v, got %v", vi.Name, vi.Shape, t.Shape)
		}
	}
	return nil
}
