package blazeface

import (
	"fmt"
	"math"

	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/onnx"
)

// Run feeds one w x h RGB input (NHWC, values already scaled to [-1, 1];
// w and h multiples of netAlign) and returns every anchor scoring at least
// minScore, with boxes in input pixels. Anchors sit at cell centres; the
// network regresses box centre offsets and sizes in input pixels
// (MediaPipe's fixed-size anchor scheme), so the same decoding holds for
// any input size.
func (m *Model) Run(input []float32, w, h int, minScore float64) ([]box.Scored, error) {
	if w <= 0 || h <= 0 || w%netAlign != 0 || h%netAlign != 0 || len(input) != w*h*3 {
		return nil, fmt.Errorf("blazeface: input %dx%d with %d values: want multiples of %d and w*h*3 values", w, h, len(input), netAlign)
	}
	in := &onnx.Tensor{Shape: []int{1, h, w, 3}, Data: input}
	outs, err := m.session.Run(map[string]*onnx.Tensor{m.input: in})
	if err != nil {
		return nil, fmt.Errorf("blazeface: %w", err)
	}
	// Compare raw logits with the threshold's logit: the sigmoid is only
	// evaluated for survivors.
	minLogit := math.Log(minScore / (1 - minScore))
	var found []box.Scored
	for _, hd := range m.heads {
		scores, boxes := outs[hd.scores], outs[hd.boxes]
		gh, gw := h/hd.stride, w/hd.stride
		if len(scores.Data) != hd.perCell*gh*gw || len(boxes.Data) != 16*hd.perCell*gh*gw {
			return nil, fmt.Errorf("blazeface: head outputs %v and %v do not fit a %dx%d grid", scores.Shape, boxes.Shape, gw, gh)
		}
		plane := gh * gw
		for cell := range plane {
			for a := range hd.perCell {
				logit := scores.Data[a*plane+cell]
				if float64(logit) < minLogit {
					continue
				}
				// Explicit float64() conversions keep every product
				// rounded on its own: no platform may fuse them into an
				// FMA, so boxes are the same bits everywhere.
				ax := float64((float64(cell%gw) + 0.5) * float64(hd.stride))
				ay := float64((float64(cell/gw) + 0.5) * float64(hd.stride))
				reg := func(j int) float64 { return float64(boxes.Data[(16*a+j)*plane+cell]) }
				cx, cy := ax+reg(0), ay+reg(1)
				bw, bh := reg(2), reg(3)
				if bw <= 0 || bh <= 0 {
					continue
				}
				found = append(found, box.Scored{
					Box:   box.Box{X0: cx - float64(bw/2), Y0: cy - float64(bh/2), X1: cx + float64(bw/2), Y1: cy + float64(bh/2)},
					Score: 1 / (1 + math.Exp(-float64(logit))),
				})
			}
		}
	}
	return found, nil
}
