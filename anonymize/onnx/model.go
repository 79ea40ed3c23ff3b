package onnx

// Model is the part of an ONNX ModelProto the interpreter uses.
type Model struct {
	IRVersion    int64
	OpsetVersion int64 // of the default ("" or "ai.onnx") domain
	Producer     string
	Graph        Graph
}

// Graph is a topologically sorted list of nodes over named values.
type Graph struct {
	Name         string
	Nodes        []Node
	Initializers map[string]*Tensor
	Inputs       []ValueInfo // graph inputs that are not initializers
	Outputs      []ValueInfo
}

// Node is one operator application.
type Node struct {
	Name    string
	OpType  string
	Domain  string
	Inputs  []string
	Outputs []string
	Attrs   map[string]Attribute
}

// ValueInfo names a graph input or output and its declared shape; dynamic
// dimensions are -1.
type ValueInfo struct {
	Name  string
	Shape []int
}

// AttrKind says which field of an Attribute is set.
type AttrKind int

// Attribute kinds, numbered as ONNX AttributeProto.AttributeType.
const (
	AttrFloat  AttrKind = 1
	AttrInt    AttrKind = 2
	AttrString AttrKind = 3
	AttrTensor AttrKind = 4
	AttrFloats AttrKind = 6
	AttrInts   AttrKind = 7
)

// Attribute is a node attribute of one of the kinds the interpreter reads.
type Attribute struct {
	Kind   AttrKind
	F      float32
	I      int64
	S      string
	T      *Tensor
	Floats []float32
	Ints   []int64
}

// OpTypes counts the nodes of each operator type, for inspection and tests.
func (g *Graph) OpTypes() map[string]int {
	m := make(map[string]int)
	for _, n := range g.Nodes {
		m[n.OpType]++
	}
	return m
}
