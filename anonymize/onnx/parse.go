package onnx

import (
	"fmt"
	"os"
)

// ONNX protobuf field numbers the interpreter reads (onnx.proto).
const (
	modelIRVersion   = 1
	modelProducer    = 2
	modelGraph       = 7
	modelOpsetImport = 8

	opsetDomain  = 1
	opsetVersion = 2

	graphNode        = 1
	graphName        = 2
	graphInitializer = 5
	graphInput       = 11
	graphOutput      = 12

	nodeInput     = 1
	nodeOutput    = 2
	nodeName      = 3
	nodeOpType    = 4
	nodeAttribute = 5
	nodeDomain    = 7

	attrName   = 1
	attrF      = 2
	attrI      = 3
	attrS      = 4
	attrT      = 5
	attrFloats = 7
	attrInts   = 8
	attrType   = 20

	valueInfoName = 1
	valueInfoType = 2

	typeTensorType  = 1
	tensorTypeShape = 2
	shapeDim        = 1
	dimValue        = 1
)

// LoadFile reads and parses an ONNX model file.
func LoadFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("onnx: %w", err)
	}
	m, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("onnx: %s: %w", path, err)
	}
	return m, nil
}

// Parse decodes a serialized ModelProto and checks that its graph is
// well-formed (every value is defined before use).
func Parse(b []byte) (*Model, error) {
	m := &Model{OpsetVersion: -1}
	haveGraph := false
	err := walkFields(b, "ModelProto", func(f field) error {
		var err error
		switch f.num {
		case modelIRVersion:
			m.IRVersion, err = f.int64Val("ModelProto.ir_version")
		case modelProducer:
			m.Producer, err = f.str("ModelProto.producer_name")
		case modelOpsetImport:
			err = m.parseOpset(f)
		case modelGraph:
			if haveGraph {
				return fmt.Errorf("ModelProto: more than one graph")
			}
			haveGraph = true
			err = parseGraph(f, &m.Graph)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !haveGraph {
		return nil, fmt.Errorf("ModelProto: no graph")
	}
	if err := m.Graph.validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Model) parseOpset(f field) error {
	b, err := f.str("ModelProto.opset_import")
	if err != nil {
		return err
	}
	var domain string
	var version int64
	err = walkFields([]byte(b), "OperatorSetIdProto", func(f field) error {
		var err error
		switch f.num {
		case opsetDomain:
			domain, err = f.str("OperatorSetIdProto.domain")
		case opsetVersion:
			version, err = f.int64Val("OperatorSetIdProto.version")
		}
		return err
	})
	if err != nil {
		return err
	}
	if domain == "" || domain == "ai.onnx" {
		m.OpsetVersion = version
	}
	return nil
}

func parseGraph(f field, g *Graph) error {
	b, err := f.str("ModelProto.graph")
	if err != nil {
		return err
	}
	g.Initializers = make(map[string]*Tensor)
	var inputs []ValueInfo
	err = walkFields([]byte(b), "GraphProto", func(f field) error {
		switch f.num {
		case graphNode:
			n, err := parseNode(f)
			if err != nil {
				return fmt.Errorf("GraphProto.node[%d]: %w", len(g.Nodes), err)
			}
			g.Nodes = append(g.Nodes, n)
		case graphName:
			s, err := f.str("GraphProto.name")
			g.Name = s
			return err
		case graphInitializer:
			name, t, err := parseTensorField(f, "GraphProto.initializer")
			if err != nil {
				return err
			}
			if name == "" {
				return fmt.Errorf("GraphProto.initializer: tensor without a name")
			}
			if _, dup := g.Initializers[name]; dup {
				return fmt.Errorf("GraphProto.initializer: duplicate name %q", name)
			}
			g.Initializers[name] = t
		case graphInput, graphOutput:
			vi, err := parseValueInfo(f)
			if err != nil {
				return err
			}
			if f.num == graphInput {
				inputs = append(inputs, vi)
			} else {
				g.Outputs = append(g.Outputs, vi)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Older exporters list initializers among the inputs too; only the rest
	// must be fed at run time.
	for _, vi := range inputs {
		if _, isInit := g.Initializers[vi.Name]; !isInit {
			g.Inputs = append(g.Inputs, vi)
		}
	}
	return nil
}

func parseNode(f field) (Node, error) {
	n := Node{Attrs: make(map[string]Attribute)}
	b, err := f.str("NodeProto")
	if err != nil {
		return n, err
	}
	err = walkFields([]byte(b), "NodeProto", func(f field) error {
		var s string
		var err error
		switch f.num {
		case nodeInput:
			s, err = f.str("NodeProto.input")
			n.Inputs = append(n.Inputs, s)
		case nodeOutput:
			s, err = f.str("NodeProto.output")
			n.Outputs = append(n.Outputs, s)
		case nodeName:
			n.Name, err = f.str("NodeProto.name")
		case nodeOpType:
			n.OpType, err = f.str("NodeProto.op_type")
		case nodeDomain:
			n.Domain, err = f.str("NodeProto.domain")
		case nodeAttribute:
			var name string
			var a Attribute
			name, a, err = parseAttribute(f)
			if err == nil {
				n.Attrs[name] = a
			}
		}
		return err
	})
	if err != nil {
		return n, err
	}
	if n.OpType == "" {
		return n, fmt.Errorf("node %q has no op_type", n.Name)
	}
	return n, nil
}

func parseAttribute(f field) (string, Attribute, error) {
	var name string
	var a Attribute
	b, err := f.str("AttributeProto")
	if err != nil {
		return "", a, err
	}
	err = walkFields([]byte(b), "AttributeProto", func(f field) error {
		var err error
		switch f.num {
		case attrName:
			name, err = f.str("AttributeProto.name")
		case attrType:
			var k int64
			k, err = f.int64Val("AttributeProto.type")
			a.Kind = AttrKind(k)
		case attrF:
			var fs []float32
			fs, err = f.appendFloat32s(nil, "AttributeProto.f")
			if err == nil && len(fs) == 1 {
				a.F = fs[0]
			}
		case attrI:
			a.I, err = f.int64Val("AttributeProto.i")
		case attrS:
			a.S, err = f.str("AttributeProto.s")
		case attrT:
			_, a.T, err = parseTensorField(f, "AttributeProto.t")
		case attrFloats:
			a.Floats, err = f.appendFloat32s(a.Floats, "AttributeProto.floats")
		case attrInts:
			a.Ints, err = f.appendInt64s(a.Ints, "AttributeProto.ints")
		}
		return err
	})
	if err != nil {
		return "", a, err
	}
	if name == "" {
		return "", a, fmt.Errorf("AttributeProto without a name")
	}
	return name, a, nil
}

func parseValueInfo(f field) (ValueInfo, error) {
	var vi ValueInfo
	b, err := f.str("ValueInfoProto")
	if err != nil {
		return vi, err
	}
	err = walkFields([]byte(b), "ValueInfoProto", func(f field) error {
		var err error
		switch f.num {
		case valueInfoName:
			vi.Name, err = f.str("ValueInfoProto.name")
		case valueInfoType:
			vi.Shape, err = parseTensorTypeShape(f)
		}
		return err
	})
	return vi, err
}

// parseTensorTypeShape digs TypeProto.tensor_type.shape.dim[].dim_value out.
func parseTensorTypeShape(f field) ([]int, error) {
	var shape []int
	var descend func(f field, depth int) error
	descend = func(f field, depth int) error {
		b, err := f.str("TypeProto")
		if err != nil {
			return err
		}
		return walkFields([]byte(b), "TypeProto", func(f field) error {
			switch {
			case depth == 0 && f.num == typeTensorType,
				depth == 1 && f.num == tensorTypeShape:
				return descend(f, depth+1)
			case depth == 2 && f.num == shapeDim:
				d := -1
				b, err := f.str("TensorShapeProto.dim")
				if err != nil {
					return err
				}
				err = walkFields([]byte(b), "Dimension", func(f field) error {
					if f.num == dimValue {
						v, err := f.int64Val("Dimension.dim_value")
						d = int(v)
						return err
					}
					return nil
				})
				shape = append(shape, d)
				return err
			}
			return nil
		})
	}
	err := descend(f, 0)
	return shape, err
}
