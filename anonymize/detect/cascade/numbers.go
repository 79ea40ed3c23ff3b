package cascade

import (
	"fmt"
	"strconv"
	"strings"
)

// numbers parses the whitespace-separated numbers of an element's text.
func (e *elem) numbers() ([]float64, error) {
	fields := strings.Fields(e.text)
	out := make([]float64, len(fields))
	for i, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("<%s>: bad number %q", e.name, f)
		}
		out[i] = v
	}
	return out, nil
}

// ints parses the element's text as exactly n integers.
func (e *elem) ints(n int) ([]int, error) {
	v, err := e.numbers()
	if err != nil {
		return nil, err
	}
	if len(v) != n {
		return nil, fmt.Errorf("<%s>: want %d numbers, got %d", e.name, n, len(v))
	}
	out := make([]int, n)
	for i, f := range v {
		if f != float64(int(f)) || f < -1e6 || f > 1e6 {
			return nil, fmt.Errorf("<%s>: %v is not a small integer", e.name, f)
		}
		out[i] = int(f)
	}
	return out, nil
}

// number parses the element's text as one number.
func (e *elem) number() (float64, error) {
	v, err := e.numbers()
	if err != nil {
		return 0, err
	}
	if len(v) != 1 {
		return 0, fmt.Errorf("<%s>: want one number, got %d", e.name, len(v))
	}
	return v[0], nil
}

// parseRects reads <rects><_>x y w h weight</_>...</rects>.
func parseRects(e *elem) ([]WeightedRect, error) {
	var rects []WeightedRect
	for _, r := range e.kids {
		v, err := r.numbers()
		if err != nil {
			return nil, err
		}
		if len(v) != 5 {
			return nil, fmt.Errorf("rect %q: want x y w h weight", r.text)
		}
		for _, c := range v[:4] {
			if c != float64(int(c)) || c < 0 || c > 1e4 {
				return nil, fmt.Errorf("rect %q: bad coordinate %v", r.text, c)
			}
		}
		rects = append(rects, WeightedRect{X: int(v[0]), Y: int(v[1]), W: int(v[2]), H: int(v[3]), Weight: float32(v[4])})
	}
	if len(rects) < 1 || len(rects) > 3 {
		return nil, fmt.Errorf("feature has %d rects, want 1 to 3", len(rects))
	}
	return rects, nil
}

// parseTilted reads an optional <tilted>0|1</tilted>.
func parseTilted(f *elem) (bool, error) {
	t := f.child("tilted")
	if t == nil {
		return false, nil
	}
	v, err := t.number()
	if err != nil {
		return false, err
	}
	return v != 0, nil
}
