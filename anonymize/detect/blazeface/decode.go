package blazeface

import (
	"fmt"
	"math"

	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/onnx"
)

// Run feeds one Size x Size RGB tile (NHWC, values already scaled to
// [-1, 1]) and returns every anchor scoring at least minScore, with boxes
// in tile pixels. Anchors sit at cell centres; the network regresses box
// centre offsets and sizes in input pixels (MediaPipe's fixed-size anchor
// scheme).
func (m *Model) Run(tile []float32, minScore float64) ([]box.Scored, error) {
	if len(tile) != m.size*m.size*3 {
		return nil, fmt.Errorf("blazeface: tile has %d values, want %d", len(tile), m.size*m.size*3)
	}
	in := &onnx.Tensor{Shape: []int{1, m.size, m.size, 3}, Data: tile}
	outs, err := m.session.Run(map[string]*onnx.Tensor{m.input: in})
	if err != nil {
		return nil, fmt.Errorf("blazeface: %w", err)
	}
	// Compare raw logits with the threshold's logit: the sigmoid is only
	// evaluated for survivors.
	minLogit := math.Log(minScore / (1 - minScore))
	var found []box.Scored
	s := float64(m.size)
	for _, h := range m.heads {
		scores, boxes := outs[h.scores].Data, outs[h.boxes].Data
		for i, logit := range scores {
			if float64(logit) < minLogit {
				continue
			}
			cell := i / h.perCell
			// Explicit float64() conversions keep every product rounded on
			// its own: no platform may fuse them into an FMA, so boxes are
			// the same bits everywhere.
			ax := float64((float64(cell%h.cells) + 0.5) / float64(h.cells) * s)
			ay := float64((float64(cell/h.cells) + 0.5) / float64(h.cells) * s)
			r := boxes[16*i : 16*i+4]
			cx, cy := ax+float64(r[0]), ay+float64(r[1])
			w, hh := float64(r[2]), float64(r[3])
			if w <= 0 || hh <= 0 {
				continue
			}
			found = append(found, box.Scored{
				Box:   box.Box{X0: cx - float64(w/2), Y0: cy - float64(hh/2), X1: cx + float64(w/2), Y1: cy + float64(hh/2)},
				Score: 1 / (1 + math.Exp(-float64(logit))),
			})
		}
	}
	return found, nil
}
