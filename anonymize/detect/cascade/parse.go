package cascade

import (
	"bytes"
	"fmt"
	"io"
)

// Parse reads an OpenCV Haar cascade in either storage format: the current
// one (<cascade> with <stageType>BOOST</stageType>, <featureType>HAAR</featureType>)
// or the pre-2.4 one (<size>, <stages> of <trees>). LBP and HOG cascades are
// refused.
func Parse(r io.Reader) (*Cascade, error) {
	root, err := parseXML(r)
	if err != nil {
		return nil, fmt.Errorf("cascade: %w", err)
	}
	if root.name != "opencv_storage" || len(root.kids) != 1 {
		return nil, fmt.Errorf("cascade: want <opencv_storage> holding one cascade, got <%s> with %d children", root.name, len(root.kids))
	}
	top := root.kids[0]
	var c *Cascade
	switch {
	case top.child("stageType") != nil:
		c, err = parseCurrent(top)
	case top.child("size") != nil:
		c, err = parseOld(top)
	default:
		err = fmt.Errorf("<%s> is neither a current (stageType) nor an old-format (size) cascade", top.name)
	}
	if err != nil {
		return nil, fmt.Errorf("cascade: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("cascade: %w", err)
	}
	return c, nil
}

// ParseBytes is Parse over a byte slice.
func ParseBytes(b []byte) (*Cascade, error) { return Parse(bytes.NewReader(b)) }

func parseCurrent(top *elem) (*Cascade, error) {
	for _, kv := range [][2]string{{"stageType", "BOOST"}, {"featureType", "HAAR"}} {
		e, err := top.need(kv[0])
		if err != nil {
			return nil, err
		}
		if e.text != kv[1] {
			return nil, fmt.Errorf("<%s> is %q, only %q is supported", kv[0], e.text, kv[1])
		}
	}
	c := &Cascade{}
	for _, dim := range []struct {
		name string
		dst  *int
	}{{"width", &c.W}, {"height", &c.H}} {
		e, err := top.need(dim.name)
		if err != nil {
			return nil, err
		}
		v, err := e.ints(1)
		if err != nil {
			return nil, err
		}
		*dim.dst = v[0]
	}
	stages, err := top.need("stages")
	if err != nil {
		return nil, err
	}
	for si, s := range stages.kids {
		st, err := parseCurrentStage(s)
		if err != nil {
			return nil, fmt.Errorf("stage %d: %w", si, err)
		}
		c.Stages = append(c.Stages, st)
	}
	features, err := top.need("features")
	if err != nil {
		return nil, err
	}
	for fi, f := range features.kids {
		feat, err := parseFeature(f)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", fi, err)
		}
		c.Features = append(c.Features, feat)
	}
	return c, nil
}

func parseCurrentStage(s *elem) (Stage, error) {
	var st Stage
	th, err := s.need("stageThreshold")
	if err != nil {
		return st, err
	}
	v, err := th.number()
	if err != nil {
		return st, err
	}
	st.Threshold = float32(v)
	weak, err := s.need("weakClassifiers")
	if err != nil {
		return st, err
	}
	for _, w := range weak.kids {
		in, err := w.need("internalNodes")
		if err != nil {
			return st, err
		}
		nodes, err := in.numbers()
		if err != nil {
			return st, err
		}
		lv, err := w.need("leafValues")
		if err != nil {
			return st, err
		}
		leaves, err := lv.numbers()
		if err != nil {
			return st, err
		}
		if len(nodes) == 0 || len(nodes)%4 != 0 {
			return st, fmt.Errorf("internalNodes has %d numbers, want groups of 4 (left right feature threshold)", len(nodes))
		}
		var t Tree
		for i := 0; i < len(nodes); i += 4 {
			t.Nodes = append(t.Nodes, Node{Left: int(nodes[i]), Right: int(nodes[i+1]), Feature: int(nodes[i+2]), Threshold: float32(nodes[i+3])})
		}
		for _, l := range leaves {
			t.Leaves = append(t.Leaves, float32(l))
		}
		st.Trees = append(st.Trees, t)
	}
	return st, nil
}

func parseFeature(f *elem) (Feature, error) {
	var feat Feature
	re, err := f.need("rects")
	if err != nil {
		return feat, err
	}
	if feat.Rects, err = parseRects(re); err != nil {
		return feat, err
	}
	feat.Tilted, err = parseTilted(f)
	return feat, err
}
