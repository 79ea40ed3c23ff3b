package onnx

import "fmt"

// chainKernel runs consecutive separable blocks (see separableKernel), each
// the only reader of the one before, together: a few rows of every block
// per step, top to bottom, each block just far enough ahead of the next
// to provide the rows that one reads. The rows a block reads were written
// moments before and are still in cache, where separate steps would read
// each activation back from memory. From the third block on, a block
// writes into the buffer of the block two before it, whose rows the block
// in between has finished reading (see reuses), so a warm chain's stores
// also hit cache and the chain holds two activations, as separate steps
// would.
//
// Every value is computed by the same code as in the separate steps, from
// the same inputs, so the bits do not change.
type chainKernel struct {
	blocks []separableKernel
	// args[k] lists block k's inputs as indexes into the chain's inputs;
	// -1 stands for block k-1's output.
	args [][]int
	// stripBytes bounds the rows of the last block one step computes.
	stripBytes int
}

// chainStripBytes is the step size fuseChains gives (64 KB to 4 MB
// measured within noise of each other on BlazeFace; 256 KB was best).
const chainStripBytes = 256 << 10

func (k chainKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	calls := make([]separableCall, len(k.blocks))
	var prev *Tensor
	var bufs []*Tensor // the distinct output buffers
	for i, b := range k.blocks {
		args := make([]*Tensor, len(k.args[i]))
		for j, x := range k.args[i] {
			if x < 0 {
				args[j] = prev
			} else {
				args[j] = in[x]
			}
		}
		c, err := b.begin(args)
		if err != nil {
			return nil, fmt.Errorf("block %d of %d: %w", i+1, len(k.blocks), err)
		}
		if i >= 2 && k.reuses(calls[i-1], c, calls[i-2].out) {
			c.out = &Tensor{Shape: c.pc.outShape(), Data: calls[i-2].out.Data}
		} else {
			c.out = a.uninit(c.pc.outShape()...)
			bufs = append(bufs, c.out)
		}
		calls[i], prev = c, c.out
	}
	last := len(calls) - 1
	calls[last].strip = separableStrip(calls[last].dc.s, k.stripBytes)
	done := make([]int, len(calls))
	need := make([]int, len(calls))
	for oh := calls[last].pc.s.oh; done[last] < oh; {
		need[last] = min(oh, done[last]+calls[last].strip)
		for i := last - 1; i >= 0; i-- {
			s := calls[i].pc.s
			align := gemmCols / gcd(s.ow, gemmCols)
			need[i] = min(s.oh, roundUp(calls[i+1].inputRows(need[i+1]), align))
		}
		for i, c := range calls {
			if need[i] > done[i] {
				c.rows(a, done[i], need[i])
				done[i] = need[i]
			}
		}
	}
	out := calls[last].out
	for _, b := range bufs {
		if !sameBuffer(b.Data, out.Data) {
			a.recycle(b)
		}
	}
	return out, nil
}

// reuses reports whether block c may write into old, the output of the
// block two before it, which mid (the block in between) reads. When c
// writes row y (y < need[c]), mid has computed its rows up to
// need[mid] >= need[c]+2-pt (or all of them): with stride 1 and pt <= 1
// those include every row that reads row y of old, y-pt+2 and the
// residual's y.
func (k chainKernel) reuses(mid, c separableCall, old *Tensor) bool {
	return mid.dc.win.sh == 1 && mid.dc.win.pt <= 1 && sameShape(old.Shape, c.pc.outShape())
}

func roundUp(v, m int) int { return (v + m - 1) / m * m }

// sameBuffer reports whether a and b start at the same element.
func sameBuffer(a, b []float32) bool { return len(a) > 0 && len(b) > 0 && &a[0] == &b[0] }
