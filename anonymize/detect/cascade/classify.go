package cascade

// compiledRect is a weighted rectangle as four table offsets relative to
// the window origin: sum = t[o0] - t[o1] - t[o2] + t[o3].
type compiledRect struct {
	o0, o1, o2, o3 int
	weight         float32
}

// compiledFeature keeps its (at most three) rectangles inline: one less
// indirection in the innermost loop.
type compiledFeature struct {
	tilted bool
	n      int
	rects  [3]compiledRect
}

// compiled binds a cascade's features to one table stride.
type compiled struct {
	c        *Cascade
	features []compiledFeature
	stride   int
}

func (c *Cascade) compile(stride int) *compiled {
	cc := &compiled{c: c, stride: stride, features: make([]compiledFeature, len(c.Features))}
	for i, f := range c.Features {
		cf := compiledFeature{tilted: f.Tilted, n: len(f.Rects)}
		for ri, r := range f.Rects {
			var o compiledRect
			if f.Tilted {
				o = compiledRect{
					o0: r.Y*stride + r.X,
					o1: (r.Y+r.H)*stride + r.X - r.H,
					o2: (r.Y+r.W)*stride + r.X + r.W,
					o3: (r.Y+r.W+r.H)*stride + r.X + r.W - r.H,
				}
			} else {
				o = compiledRect{
					o0: r.Y*stride + r.X,
					o1: r.Y*stride + r.X + r.W,
					o2: (r.Y+r.H)*stride + r.X,
					o3: (r.Y+r.H)*stride + r.X + r.W,
				}
			}
			o.weight = r.Weight
			cf.rects[ri] = o
		}
		cc.features[i] = cf
	}
	return cc
}

// value is the feature's weighted rectangle sum at window origin base.
func (f *compiledFeature) value(in *integral, base int) float32 {
	t := in.sum
	if f.tilted {
		t = in.tilted
	}
	var v float32
	for i := range f.n {
		r := &f.rects[i]
		s := t[base+r.o0] - t[base+r.o1] - t[base+r.o2] + t[base+r.o3]
		v += float32(r.weight * float32(s)) // rounded product: no FMA
	}
	return v
}

// accepts runs the stages on the window with top-left (x, y); the variance
// normalisation uses the window shrunk by one pixel, as OpenCV does.
func (cc *compiled) accepts(in *integral, x, y int) bool {
	c := cc.c
	base := y*cc.stride + x
	inv := in.invNorm(x+1, y+1, c.W-2, c.H-2)
	for si := range c.Stages {
		st := &c.Stages[si]
		var sum float32
		for ti := range st.Trees {
			t := &st.Trees[ti]
			idx := 0
			for {
				n := &t.Nodes[idx]
				v := cc.features[n.Feature].value(in, base) * inv
				if v < n.Threshold {
					idx = n.Left
				} else {
					idx = n.Right
				}
				if idx <= 0 {
					break
				}
			}
			sum += t.Leaves[-idx]
		}
		if sum < st.Threshold {
			return false
		}
	}
	return true
}
