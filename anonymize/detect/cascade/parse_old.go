package cascade

import "fmt"

// parseOld converts the pre-2.4 format, where each tree node carries its
// own feature and names its children with left_node/right_node (another
// node) or left_val/right_val (a leaf value).
func parseOld(top *elem) (*Cascade, error) {
	c := &Cascade{}
	size, err := top.need("size")
	if err != nil {
		return nil, err
	}
	wh, err := size.ints(2)
	if err != nil {
		return nil, err
	}
	c.W, c.H = wh[0], wh[1]
	stages, err := top.need("stages")
	if err != nil {
		return nil, err
	}
	for si, s := range stages.kids {
		st, err := c.parseOldStage(s)
		if err != nil {
			return nil, fmt.Errorf("stage %d: %w", si, err)
		}
		c.Stages = append(c.Stages, st)
	}
	return c, nil
}

func (c *Cascade) parseOldStage(s *elem) (Stage, error) {
	var st Stage
	th, err := s.need("stage_threshold")
	if err != nil {
		return st, err
	}
	v, err := th.number()
	if err != nil {
		return st, err
	}
	st.Threshold = float32(v)
	trees, err := s.need("trees")
	if err != nil {
		return st, err
	}
	for ti, tr := range trees.kids {
		var t Tree
		for ni, n := range tr.kids {
			node, err := c.parseOldNode(n, &t)
			if err != nil {
				return st, fmt.Errorf("tree %d node %d: %w", ti, ni, err)
			}
			t.Nodes = append(t.Nodes, node)
		}
		st.Trees = append(st.Trees, t)
	}
	return st, nil
}

func (c *Cascade) parseOldNode(n *elem, t *Tree) (Node, error) {
	var node Node
	f, err := n.need("feature")
	if err != nil {
		return node, err
	}
	feat, err := parseFeature(f)
	if err != nil {
		return node, err
	}
	node.Feature = len(c.Features)
	c.Features = append(c.Features, feat)
	th, err := n.need("threshold")
	if err != nil {
		return node, err
	}
	v, err := th.number()
	if err != nil {
		return node, err
	}
	node.Threshold = float32(v)
	for _, side := range []struct {
		name string
		dst  *int
	}{{"left", &node.Left}, {"right", &node.Right}} {
		switch {
		case n.child(side.name+"_node") != nil:
			idx, err := n.child(side.name + "_node").ints(1)
			if err != nil {
				return node, err
			}
			*side.dst = idx[0]
		case n.child(side.name+"_val") != nil:
			leaf, err := n.child(side.name + "_val").number()
			if err != nil {
				return node, err
			}
			*side.dst = -len(t.Leaves)
			t.Leaves = append(t.Leaves, float32(leaf))
		default:
			return node, fmt.Errorf("node has neither %s_node nor %s_val", side.name, side.name)
		}
	}
	return node, nil
}
