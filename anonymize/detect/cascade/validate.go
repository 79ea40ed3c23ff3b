package cascade

import "fmt"

// validate checks every index and rectangle, so evaluation can index
// without bounds surprises and always terminates.
func (c *Cascade) validate() error {
	if c.W < 2 || c.H < 2 || c.W > 1024 || c.H > 1024 {
		return fmt.Errorf("window %dx%d out of range", c.W, c.H)
	}
	if len(c.Stages) == 0 {
		return fmt.Errorf("no stages")
	}
	for fi, f := range c.Features {
		for _, r := range f.Rects {
			if !r.inside(f.Tilted, c.W, c.H) {
				return fmt.Errorf("feature %d: rect %+v (tilted %v) leaves the %dx%d window", fi, r, f.Tilted, c.W, c.H)
			}
		}
	}
	for si, s := range c.Stages {
		if len(s.Trees) == 0 {
			return fmt.Errorf("stage %d has no trees", si)
		}
		for ti, t := range s.Trees {
			if err := t.validate(len(c.Features)); err != nil {
				return fmt.Errorf("stage %d tree %d: %w", si, ti, err)
			}
		}
	}
	return nil
}

func (t Tree) validate(features int) error {
	if len(t.Nodes) == 0 {
		return fmt.Errorf("no nodes")
	}
	for ni, n := range t.Nodes {
		if n.Feature < 0 || n.Feature >= features {
			return fmt.Errorf("node %d: feature %d of %d", ni, n.Feature, features)
		}
		for _, child := range []int{n.Left, n.Right} {
			// Children point forward, so evaluation cannot loop.
			if child > 0 && (child <= ni || child >= len(t.Nodes)) {
				return fmt.Errorf("node %d: child node %d out of order or range", ni, child)
			}
			if child <= 0 && -child >= len(t.Leaves) {
				return fmt.Errorf("node %d: leaf %d of %d", ni, -child, len(t.Leaves))
			}
		}
	}
	return nil
}

// inside reports whether the rectangle lies within a w x h window.
func (r WeightedRect) inside(tilted bool, w, h int) bool {
	if r.W <= 0 || r.H <= 0 || r.X < 0 || r.Y < 0 {
		return false
	}
	if tilted {
		return r.X+r.W <= w && r.X-r.H >= 0 && r.Y+r.W+r.H <= h
	}
	return r.X+r.W <= w && r.Y+r.H <= h
}
