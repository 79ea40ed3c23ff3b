package fill

import (
	"image"
	"math"
)

// Pixel states of the fast marching method.
const (
	stKnown    = 0 // has its final value
	stBand     = 1 // filled, on the narrow band, arrival time may still drop
	stInside   = 2 // to be filled
	stExcluded = 3 // not known and not ours to fill: never read, never written
)

const (
	noLimit = math.MaxFloat64
	farTime = 1e12
)

// teleaOffset is one neighbour of the averaging window, with its distance
// terms precomputed.
type teleaOffset struct {
	dx, dy  int
	rx, ry  float64 // r = p - q = (-dx, -dy)
	invLen  float64 // 1/|r|
	invLen2 float64 // 1/|r|²
	q       int     // dy*w + dx for the frame the filler works on
}

func teleaWindow(radius int) []teleaOffset {
	var offs []teleaOffset
	for dy := -radius; dy <= radius; dy++ {
		for dx := -radius; dx <= radius; dx++ {
			d2 := dx*dx + dy*dy
			if d2 == 0 || d2 > radius*radius {
				continue
			}
			l := math.Sqrt(float64(d2))
			offs = append(offs, teleaOffset{dx: dx, dy: dy, rx: float64(-dx), ry: float64(-dy), invLen: 1 / l, invLen2: 1 / float64(d2)})
		}
	}
	return offs
}

// telea fills the stInside pixels of pix (RGBA layout, w×h) by fast
// marching from their known border (Telea 2004): pixels are filled in order
// of their distance from the border, each as a weighted average of the
// already known pixels within radius, weighted by direction (alignment with
// the distance gradient), distance (1/|r|²) and level (closeness in arrival
// time). Pixels whose arrival time exceeds maxT stay unfilled. It returns
// the arrival times (farTime for pixels never reached).
//
// state is updated in place: filled pixels end as stKnown or stBand.
//
// The march runs on a copy of the smallest window that holds the hole and
// every pixel it can read (radius+1 around it), so its cost follows the
// hole, not the frame; when that window is the whole frame (a
// component's crop is cut to it), on the frame itself.
func telea(pix []uint8, w, h int, state []uint8, radius int, maxT float64) []float64 {
	frame := image.Rect(0, 0, w, h)
	win := insideBounds(state, w, h).Inset(-(radius + 1)).Intersect(frame)
	if win == frame {
		return teleaMarch(pix[:4*w*h], w, h, state, radius, maxT)
	}
	t := make([]float64, w*h)
	for i := range t {
		t[i] = farTime
	}
	if win.Empty() {
		return t
	}
	ww, wh := win.Dx(), win.Dy()
	wpix := make([]uint8, 4*ww*wh)
	wstate := make([]uint8, ww*wh)
	for y := 0; y < wh; y++ {
		src := (win.Min.Y+y)*w + win.Min.X
		copy(wpix[4*y*ww:4*(y+1)*ww], pix[4*src:4*(src+ww)])
		copy(wstate[y*ww:(y+1)*ww], state[src:src+ww])
	}
	wt := teleaMarch(wpix, ww, wh, wstate, radius, maxT)
	for y := 0; y < wh; y++ {
		dst := (win.Min.Y+y)*w + win.Min.X
		copy(pix[4*dst:4*(dst+ww)], wpix[4*y*ww:4*(y+1)*ww])
		copy(state[dst:dst+ww], wstate[y*ww:(y+1)*ww])
		copy(t[dst:dst+ww], wt[y*ww:(y+1)*ww])
	}
	return t
}

// insideBounds is the bounding box of the stInside pixels.
func insideBounds(state []uint8, w, h int) image.Rectangle {
	minX, minY, maxX, maxY := w, h, -1, -1
	for i, s := range state {
		if s == stInside {
			x, y := i%w, i/w
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
	}
	if maxX < 0 {
		return image.Rectangle{}
	}
	return image.Rect(minX, minY, maxX+1, maxY+1)
}

// teleaMarch is telea on a whole (already cropped) frame.
func teleaMarch(pix []uint8, w, h int, state []uint8, radius int, maxT float64) []float64 {
	t := make([]float64, w*h)
	var band minHeap
	for i, s := range state {
		if s == stInside || s == stExcluded {
			t[i] = farTime
		}
	}
	for i, s := range state {
		if s != stKnown {
			continue
		}
		x, y := i%w, i/w
		if (x > 0 && state[i-1] == stInside) || (x+1 < w && state[i+1] == stInside) ||
			(y > 0 && state[i-w] == stInside) || (y+1 < h && state[i+w] == stInside) {
			state[i] = stBand
			band.push(heapItem{0, int32(i)})
		}
	}
	f := teleaFiller{pix: pix, w: w, h: h, state: state, t: t, offs: teleaWindow(radius), radius: radius}
	for k := range f.offs {
		f.offs[k].q = f.offs[k].dy*w + f.offs[k].dx
	}
	if teleaSums != nil {
		f.prepareTerms()
	}
	for len(band) > 0 {
		it := band.pop()
		i := int(it.i)
		if state[i] != stBand || it.t != t[i] {
			continue // stale entry
		}
		if it.t > maxT {
			break
		}
		state[i] = stKnown
		x, y := i%w, i/w
		for k := 0; k < 4; k++ {
			nx, ny := x+dx4[k], y+dy4[k]
			if nx < 0 || ny < 0 || nx >= w || ny >= h {
				continue
			}
			j := ny*w + nx
			if state[j] != stInside && state[j] != stBand {
				continue
			}
			nt := f.arrival(nx, ny)
			if state[j] == stInside {
				t[j] = nt
				f.inpaint(nx, ny)
				state[j] = stBand
				band.push(heapItem{nt, int32(j)})
			} else if nt < t[j] {
				t[j] = nt
				band.push(heapItem{nt, int32(j)})
			}
		}
	}
	return t
}

var dx4 = [4]int{-1, 1, 0, 0}
var dy4 = [4]int{0, 0, -1, 1}

type teleaFiller struct {
	pix   []uint8
	w, h  int
	state []uint8
	t     []float64
	offs  []teleaOffset
	// radius bounds the offsets: a pixel at least that far from every
	// edge reads its whole window without bounds checks.
	radius int

	// For teleaSums: the window as runs of neighbours adjacent in
	// memory, the offsets' terms as arrays of stride entries (rx, ry,
	// invLen, invLen2), and the smallest and largest index offset the
	// runs read.
	runs     []teleaRun
	soa      []float64
	stride   int
	runReach struct{ min, max int }
}

// teleaRun is a run of neighbours of the window adjacent in memory (same
// row, consecutive columns): index offset q0 from the pixel, first
// neighbour k0, length n.
type teleaRun struct{ q0, k0, n int }

// teleaSums, where the CPU has a kernel, is inpaint's four sums for
// pixel i (whose whole window lies in the frame), computed exactly as the
// portable loop computes them: the same terms, added in the window's
// order over the neighbours with a value.
var teleaSums func(f *teleaFiller, i int, gx, gy, ti float64) (a0, a1, a2, sum float64)

// prepareTerms lays out the window for teleaSums.
func (f *teleaFiller) prepareTerms() {
	n := len(f.offs)
	f.stride = n + 4 // a run's last step reads up to three entries past it
	f.soa = make([]float64, 4*f.stride)
	f.runs = f.runs[:0]
	f.runReach.min, f.runReach.max = 0, 0
	for k, o := range f.offs {
		f.soa[k], f.soa[f.stride+k], f.soa[2*f.stride+k], f.soa[3*f.stride+k] = o.rx, o.ry, o.invLen, o.invLen2
		if r := len(f.runs) - 1; r >= 0 && f.offs[k-1].dy == o.dy && f.offs[k-1].dx+1 == o.dx {
			f.runs[r].n++
		} else {
			f.runs = append(f.runs, teleaRun{q0: o.q, k0: k, n: 1})
		}
		f.runReach.min, f.runReach.max = min(f.runReach.min, o.q), max(f.runReach.max, o.q)
	}
}

// valued reports whether (x, y) is in the frame and has a value.
func (f *teleaFiller) valued(x, y int) bool {
	return x >= 0 && y >= 0 && x < f.w && y < f.h && f.state[y*f.w+x] <= stBand
}

// arrival solves the eikonal equation |∇T| = 1 at (x, y) from its valued
// 4-neighbours, taking the smallest of the four quadrant solutions.
func (f *teleaFiller) arrival(x, y int) float64 {
	best := farTime
	for _, sx := range [2]int{-1, 1} {
		for _, sy := range [2]int{-1, 1} {
			if s := f.solve(x+sx, y, x, y+sy); s < best {
				best = s
			}
		}
	}
	return best
}

func (f *teleaFiller) solve(x1, y1, x2, y2 int) float64 {
	v1, v2 := f.valued(x1, y1), f.valued(x2, y2)
	switch {
	case v1 && v2:
		t1, t2 := f.t[y1*f.w+x1], f.t[y2*f.w+x2]
		d := t1 - t2
		if d > -1 && d < 1 {
			return (t1 + t2 + math.Sqrt(2-float64(d*d))) * 0.5
		}
		return min(t1, t2) + 1
	case v1:
		return f.t[y1*f.w+x1] + 1
	case v2:
		return f.t[y2*f.w+x2] + 1
	}
	return farTime
}

// gradT is the central-difference gradient of the arrival time at (x, y),
// one-sided where a neighbour has no time yet.
func (f *teleaFiller) gradT(x, y int) (gx, gy float64) {
	i := y*f.w + x
	diff := func(okA, okB bool, a, b int) float64 {
		switch {
		case okA && okB:
			return (f.t[b] - f.t[a]) * 0.5
		case okB:
			return f.t[b] - f.t[i]
		case okA:
			return f.t[i] - f.t[a]
		}
		return 0
	}
	gx = diff(f.valued(x-1, y), f.valued(x+1, y), i-1, i+1)
	gy = diff(f.valued(x, y-1), f.valued(x, y+1), i-f.w, i+f.w)
	return gx, gy
}

// inpaint sets (x, y) to the weighted average of its valued neighbours.
// Every weight is computed as in Telea's formula, term by term, and the
// sums run in the window's order, so the bits do not depend on which of
// the two loops (whole window inside the frame or not) computes them.
func (f *teleaFiller) inpaint(x, y int) {
	i := y*f.w + x
	gx, gy := f.gradT(x, y)
	ti := f.t[i]
	var a0, a1, a2, sum float64
	inside := x >= f.radius && y >= f.radius && x+f.radius < f.w && y+f.radius < f.h
	if inside && teleaSums != nil && i+f.runReach.max+3 < len(f.t) {
		a0, a1, a2, sum = teleaSums(f, i, gx, gy, ti)
	} else if inside {
		a0, a1, a2, sum = f.sumsInside(i, gx, gy, ti)
	} else {
		for k := range f.offs {
			o := &f.offs[k]
			if !f.valued(x+o.dx, y+o.dy) {
				continue
			}
			q := i + o.q
			wt := teleaWeight(o, gx, gy, f.t[q]-ti)
			a0 += float64(wt * float64(f.pix[4*q]))
			a1 += float64(wt * float64(f.pix[4*q+1]))
			a2 += float64(wt * float64(f.pix[4*q+2]))
			sum += wt
		}
	}
	if sum == 0 {
		return // unreachable: the pixel that reached us is a valued neighbour
	}
	f.pix[4*i] = roundByte(a0 / sum)
	f.pix[4*i+1] = roundByte(a1 / sum)
	f.pix[4*i+2] = roundByte(a2 / sum)
	f.pix[4*i+3] = 0xff
}

// sumsInside is inpaint's four sums for pixel i, whose whole window lies
// in the frame (no bounds to test), in the window's order.
func (f *teleaFiller) sumsInside(i int, gx, gy, ti float64) (a0, a1, a2, sum float64) {
	state, t, pix := f.state, f.t, f.pix
	for k := range f.offs {
		o := &f.offs[k]
		q := i + o.q
		if state[q] > stBand {
			continue
		}
		wt := teleaWeight(o, gx, gy, t[q]-ti)
		p := pix[4*q : 4*q+3 : 4*q+3]
		a0 += float64(wt * float64(p[0]))
		a1 += float64(wt * float64(p[1]))
		a2 += float64(wt * float64(p[2]))
		sum += wt
	}
	return a0, a1, a2, sum
}

// teleaWeight is the weight of neighbour o (r = p - q) given the arrival
// time gradient at p and dt = T(q) - T(p): direction |r·∇T|/|r| (at least
// 1e-6), distance 1/|r|², level 1/(1+|dt|). Each product is rounded on its
// own (explicit conversions): no platform fuses them.
func teleaWeight(o *teleaOffset, gx, gy, dt float64) float64 {
	dot := float64(o.rx*gx) + float64(o.ry*gy)
	dir := max(math.Abs(float64(dot*o.invLen)), 1e-6) // no NaN: gx, gy are finite
	lev := 1 / (1 + math.Abs(dt))
	return float64(float64(dir*o.invLen2) * lev)
}

// roundByte rounds a non-negative value to the nearest byte, clamping.
func roundByte(v float64) uint8 {
	if v >= 254.5 {
		return 255
	}
	if v <= 0 {
		return 0
	}
	return uint8(v + 0.5)
}
