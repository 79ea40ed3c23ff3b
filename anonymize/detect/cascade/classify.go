package cascade

// flatRect is a weighted rectangle as four offsets, relative to the window
// origin, into the integral's joined table (upright sums, then tilted
// sums): sum = t[o0] - t[o1] - t[o2] + t[o3].
type flatRect struct {
	o      [4]int32
	weight float32
}

// flatNode is a tree node with its feature inline. A feature always has
// three rectangles here: a missing one has weight 0 and offsets 0, so it
// adds float32(0 * 0) = +0, which cannot change the comparison (only the
// sign of a zero sum could differ, and -0 < t exactly when +0 < t).
// Spelling out three avoids a loop and a hard-to-predict branch.
type flatNode struct {
	rects       [3]flatRect
	feature     int32 // index into Cascade.Features, for restride
	threshold   float32
	left, right int32 // > 0: node index within the tree; <= 0: leaf -index
}

// value is the feature's weighted rectangle sum at window origin base:
// each product rounded before it is added (no FMA), rectangles in order.
func (n *flatNode) value(t []int32, base int) float32 {
	var v float32
	v += n.rects[0].weighted(t, base)
	v += n.rects[1].weighted(t, base)
	v += n.rects[2].weighted(t, base)
	return v
}

// weighted is the rectangle's sum times its weight, rounded to float32.
func (r *flatRect) weighted(t []int32, base int) float32 {
	s := t[base+int(r.o[0])] - t[base+int(r.o[1])] - t[base+int(r.o[2])] + t[base+int(r.o[3])]
	return float32(r.weight * float32(s))
}

// flatStage holds a stage's trees in evaluation order, contiguous in
// memory. When every tree is a single node (a stump, as in OpenCV's Haar
// cascades) only stumps is used, with each stump's two leaf values.
type flatStage struct {
	threshold float32
	stumps    []flatStump
	// General trees: tree i's nodes are nodes[roots[i]:], its leaves
	// leaves[leafBase[i]:].
	nodes    []flatNode
	roots    []int32
	leaves   []float32
	leafBase []int32
}

type flatStump struct {
	flatNode
	leaf [2]float32 // leaf value when the feature is below / not below the threshold
}

// compiled binds a cascade's features to one table layout: stride is the
// upright table's row stride, tiltedAt where the tilted table starts in
// the joined table.
type compiled struct {
	c      *Cascade
	stages []flatStage
	// vec is the stages in the vector kernel's layout when the kernel
	// exists and every tree is a stump; vecReach is how much of the table
	// from a block's first window origin the kernel may read.
	vec      []vecStage
	vecReach int
	rects    [][3]flatRect // per feature, for the current layout
}

// compile lays the cascade out for one table layout. A scan compiles once
// and restrides for each further level: only the offsets depend on the
// layout, and rebuilding the stages level after level cost as much as
// classifying the windows of the small levels.
func (c *Cascade) compile(stride, tiltedAt int) *compiled {
	cc := &compiled{c: c, stages: make([]flatStage, len(c.Stages))}
	node := func(n Node) flatNode {
		return flatNode{feature: int32(n.Feature), threshold: n.Threshold, left: int32(n.Left), right: int32(n.Right)}
	}
	for si, st := range c.Stages {
		fs := flatStage{threshold: st.Threshold}
		stumps := true
		for _, t := range st.Trees {
			stumps = stumps && len(t.Nodes) == 1 && t.Nodes[0].Left <= 0 && t.Nodes[0].Right <= 0
		}
		for _, t := range st.Trees {
			if stumps {
				n := t.Nodes[0]
				fs.stumps = append(fs.stumps, flatStump{flatNode: node(n), leaf: [2]float32{t.Leaves[-n.Left], t.Leaves[-n.Right]}})
				continue
			}
			fs.roots = append(fs.roots, int32(len(fs.nodes)))
			fs.leafBase = append(fs.leafBase, int32(len(fs.leaves)))
			for _, n := range t.Nodes {
				fs.nodes = append(fs.nodes, node(n))
			}
			fs.leaves = append(fs.leaves, t.Leaves...)
		}
		cc.stages[si] = fs
	}
	if stageKernel != nil {
		cc.vec = cc.vectorStages()
	}
	cc.restride(stride, tiltedAt)
	return cc
}

// restride sets every rectangle's table offsets for the layout with the
// given upright stride and tilted table start.
func (cc *compiled) restride(stride, tiltedAt int) {
	cc.rects = grow(cc.rects, len(cc.c.Features))
	for i, f := range cc.c.Features {
		cc.rects[i] = [3]flatRect{}
		for ri, r := range f.Rects {
			var o [4]int
			if f.Tilted {
				o = [4]int{
					tiltedAt + r.Y*stride + r.X,
					tiltedAt + (r.Y+r.H)*stride + r.X - r.H,
					tiltedAt + (r.Y+r.W)*stride + r.X + r.W,
					tiltedAt + (r.Y+r.W+r.H)*stride + r.X + r.W - r.H,
				}
			} else {
				o = [4]int{r.Y*stride + r.X, r.Y*stride + r.X + r.W, (r.Y+r.H)*stride + r.X, (r.Y+r.H)*stride + r.X + r.W}
			}
			cc.rects[i][ri] = flatRect{o: [4]int32{int32(o[0]), int32(o[1]), int32(o[2]), int32(o[3])}, weight: r.Weight}
		}
	}
	maxOff := 0
	for si := range cc.stages {
		st := &cc.stages[si]
		for i := range st.stumps {
			s := &st.stumps[i]
			s.rects = cc.rects[s.feature]
			if cc.vec != nil {
				maxOff = max(maxOff, cc.vec[si].stumps[i].setRects(&s.rects))
			}
		}
		for i := range st.nodes {
			st.nodes[i].rects = cc.rects[st.nodes[i].feature]
		}
	}
	cc.vecReach = maxOff + lanes
}

// accepts runs the stages on the window with top-left (x, y); the variance
// normalisation uses the window shrunk by one pixel, as OpenCV does. Each
// stage adds its trees' leaf values in order (float32) and rejects the
// window when the sum is below its threshold.
func (cc *compiled) accepts(in *integral, x, y int) bool {
	c := cc.c
	base := y*(in.w+1) + x
	inv := in.invNorm(x+1, y+1, c.W-2, c.H-2)
	t := in.tab
	for si := range cc.stages {
		st := &cc.stages[si]
		var sum float32
		if st.stumps != nil {
			for i := range st.stumps {
				s := &st.stumps[i]
				// The outcome is unpredictable: select the leaf by
				// index, which compiles without a branch.
				k := 1
				if float32(s.value(t, base)*inv) < s.threshold {
					k = 0
				}
				sum += s.leaf[k]
			}
		} else {
			sum = st.treesSum(t, base, inv)
		}
		if sum < st.threshold {
			return false
		}
	}
	return true
}

// treesSum evaluates general (deeper than one node) trees.
func (st *flatStage) treesSum(t []int32, base int, inv float32) float32 {
	var sum float32
	for ti, root := range st.roots {
		idx := int32(0)
		for {
			n := &st.nodes[root+idx]
			if float32(n.value(t, base)*inv) < n.threshold {
				idx = n.left
			} else {
				idx = n.right
			}
			if idx <= 0 {
				break
			}
		}
		sum += st.leaves[st.leafBase[ti]-idx]
	}
	return sum
}
