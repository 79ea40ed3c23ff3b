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

// Session runs a model. It is immutable after NewSession (its arena pool
// is safe for concurrent use), so one Session may serve several goroutines
// at once.
type Session struct {
	graph   *Graph
	outputs []ValueInfo
	free    map[string][]int // input name -> dimensions that may vary
	steps   []step
	// release[i] lists values no step after i reads, freed to bound memory.
	release [][]string
	arenas  arenaPool
}

// SessionOptions adjust what a Session computes.
type SessionOptions struct {
	// Outputs names the values Run returns, instead of the graph's
	// outputs; only the nodes they depend on run. This runs, for example,
	// the fully convolutional body of a network without its fixed-shape
	// head.
	Outputs []string
	// FreeDims lists, per input name, the dimensions whose size may differ
	// from the declared shape (a fully convolutional network on another
	// image size). Zero tensors of a fixed shape concatenated to a value
	// (an exported padding) then follow that value's size; see padConcats.
	FreeDims map[string][]int
}

// NewSession compiles every node of m's graph; it fails on the first
// unsupported op or attribute.
func NewSession(m *Model) (*Session, error) { return NewSessionWith(m, SessionOptions{}) }

// NewSessionWith compiles m's graph with options.
func NewSessionWith(m *Model, opts SessionOptions) (*Session, error) {
	g := &m.Graph
	kernels := make([]kernel, len(g.Nodes))
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
		kernels[i] = k
	}
	s := &Session{graph: g, outputs: g.Outputs, free: opts.FreeDims}
	if opts.Outputs != nil {
		s.outputs = nil
		for _, name := range opts.Outputs {
			if !g.produces(name) {
				return nil, fmt.Errorf("onnx: output %q is not a value of the graph", name)
			}
			s.outputs = append(s.outputs, ValueInfo{Name: name})
		}
	}
	for name := range opts.FreeDims {
		if !slices.ContainsFunc(g.Inputs, func(vi ValueInfo) bool { return vi.Name == name }) {
			return nil, fmt.Errorf("onnx: free dimensions for %q, which is not an input", name)
		}
	}
	steps := nodeSteps(g, kernels)
	if len(opts.FreeDims) > 0 {
		shapes, err := probeShapes(g, steps)
		if err != nil {
			return nil, err
		}
		steps = padConcats(steps, g, shapes)
	}
	keep := map[string]bool{}
	var want []string
	for _, vi := range s.outputs {
		keep[vi.Name] = true
		want = append(want, vi.Name)
	}
	s.steps = fuse(prune(steps, want), g, keep)
	s.release = releasePlan(g, s.steps, keep)
	return s, nil
}

// produces reports whether name is an input, initializer or node output.
func (g *Graph) produces(name string) bool {
	if _, ok := g.Initializers[name]; ok {
		return true
	}
	for _, vi := range g.Inputs {
		if vi.Name == name {
			return true
		}
	}
	for _, n := range g.Nodes {
		if n.Outputs[0] == name {
			return true
		}
	}
	return false
}

// probeShapes runs the graph once on zero inputs of the declared shapes
// and records every value's shape: the exact shapes, from the kernels
// themselves, that the declared inputs produce.
func probeShapes(g *Graph, steps []step) (map[string][]int, error) {
	inputs := map[string]*Tensor{}
	for _, vi := range g.Inputs {
		for _, d := range vi.Shape {
			if d < 0 {
				return nil, fmt.Errorf("onnx: input %q has a dynamic shape %v: free dimensions need a declared size", vi.Name, vi.Shape)
			}
		}
		inputs[vi.Name] = NewTensor(vi.Shape...)
	}
	shapes := map[string][]int{}
	probe := &Session{graph: g, outputs: g.Outputs, steps: steps}
	probe.release = releasePlan(g, steps, nil)
	if _, err := probe.run(inputs, func(name string, t *Tensor) { shapes[name] = append([]int(nil), t.Shape...) }); err != nil {
		return nil, fmt.Errorf("onnx: probing shapes: %w", err)
	}
	return shapes, nil
}

// releasePlan finds, for each step, the intermediate values last read
// there; inputs, initializers and the values in keep are never released.
func releasePlan(g *Graph, steps []step, keep map[string]bool) [][]string {
	last := make(map[string]int)
	for i, st := range steps {
		for _, in := range st.inputs {
			last[in] = i
		}
	}
	never := make(map[string]bool)
	for name := range keep {
		never[name] = true
	}
	for _, vi := range g.Outputs {
		never[vi.Name] = true
	}
	plan := make([][]string, len(steps))
	for _, vi := range g.Inputs {
		never[vi.Name] = true // the caller's tensors are never recycled
	}
	for i, st := range steps {
		for _, in := range st.inputs {
			_, isInit := g.Initializers[in]
			if in != "" && last[in] == i && !never[in] && !isInit && !slices.Contains(plan[i], in) {
				plan[i] = append(plan[i], in)
			}
		}
	}
	return plan
}

// Inputs describes the values Run needs.
func (s *Session) Inputs() []ValueInfo { return s.graph.Inputs }

// Outputs describes the values Run returns: the graph's outputs, or the
// values SessionOptions.Outputs named (their Shape is nil).
func (s *Session) Outputs() []ValueInfo { return s.outputs }

// Run feeds the named inputs through the graph and returns its outputs by
// name. Inputs are not modified.
func (s *Session) Run(inputs map[string]*Tensor) (map[string]*Tensor, error) {
	for _, vi := range s.graph.Inputs {
		t, ok := inputs[vi.Name]
		if !ok {
			return nil, fmt.Errorf("onnx: input %q not given", vi.Name)
		}
		if err := checkDeclaredShape(vi, t, s.free[vi.Name]); err != nil {
			return nil, err
		}
	}
	return s.run(inputs, nil)
}

// run executes the steps; record, when not nil, sees every value computed.
func (s *Session) run(inputs map[string]*Tensor, record func(name string, t *Tensor)) (map[string]*Tensor, error) {
	values := make(map[string]*Tensor, len(inputs)+8)
	for _, vi := range s.graph.Inputs {
		values[vi.Name] = inputs[vi.Name]
	}
	args := make([]*Tensor, 0, 4)
	buffers := s.arenas.get()
	defer s.arenas.put(buffers)
	for i, st := range s.steps {
		args = args[:0]
		for _, in := range st.inputs {
			args = append(args, s.lookup(values, in))
		}
		out, err := st.k.run(args, buffers)
		if err != nil {
			return nil, fmt.Errorf("onnx: %w", s.graph.Nodes[st.node].errorf("%v", err))
		}
		if record != nil {
			record(st.output, out)
		}
		values[st.output] = out
		for _, name := range s.release[i] {
			buffers.recycle(values[name])
			delete(values, name)
		}
	}
	outs := make(map[string]*Tensor, len(s.outputs))
	for _, vi := range s.outputs {
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

// checkDeclaredShape checks t against vi's declared shape; dimensions in
// free may have any size.
func checkDeclaredShape(vi ValueInfo, t *Tensor, free []int) error {
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
		if d >= 0 && d != t.Shape[i] && !slices.Contains(free, i) {
			return fmt.Errorf("onnx: input %q: want shape %v, got %v", vi.Name, vi.Shape, t.Shape)
		}
	}
	return nil
}
