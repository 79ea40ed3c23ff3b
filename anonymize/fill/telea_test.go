package fill

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTeleaSumsKernelMatchesPortable runs Telea's march with the vector
// sums kernel and with the portable loop on random pixels with random
// holes, blocked pixels and holes touching the frame's edges, at several
// radii and maximum times, and requires the same pixel and arrival-time
// bits.
func TestTeleaSumsKernelMatchesPortable(t *testing.T) {
	if teleaSums == nil {
		t.Skip("no vector kernel on this CPU")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 24 {
		w, h := 20+rng.IntN(70), 20+rng.IntN(70)
		pix := make([]uint8, 4*w*h)
		for i := range pix {
			pix[i] = uint8(rng.IntN(256))
		}
		state := make([]uint8, w*h)
		for range 1 + rng.IntN(4) {
			cx, cy, rx, ry := rng.IntN(w), rng.IntN(h), 2+rng.IntN(w/2), 2+rng.IntN(h/2)
			for y := range h {
				for x := range w {
					dx, dy := float64(x-cx)/float64(rx), float64(y-cy)/float64(ry)
					if float64(dx*dx)+float64(dy*dy) <= 1 { // rounded: no FMA (check-anonymizer-fma)
						state[y*w+x] = stInside
					}
				}
			}
		}
		for i := range state {
			if state[i] == stKnown && rng.IntN(30) == 0 {
				state[i] = stExcluded
			}
		}
		radius := []int{5, 3, 1, 8, 5, 4}[trial%6]
		maxT := noLimit
		if trial%4 == 3 {
			maxT = float64(2 + rng.IntN(6))
		}
		run := func(kernel bool) ([]uint8, []uint8, []float64) {
			saved := teleaSums
			if !kernel {
				teleaSums = nil
			}
			defer func() { teleaSums = saved }()
			p, s := append([]uint8(nil), pix...), append([]uint8(nil), state...)
			tt := teleaMarch(p, w, h, s, radius, maxT)
			return p, s, tt
		}
		p1, s1, t1 := run(false)
		p2, s2, t2 := run(true)
		if !bytes.Equal(p1, p2) || !bytes.Equal(s1, s2) {
			t.Fatalf("trial %d (%dx%d, radius %d): pixels or states differ", trial, w, h, radius)
		}
		for i := range t1 {
			if math.Float64bits(t1[i]) != math.Float64bits(t2[i]) {
				t.Fatalf("trial %d: T[%d] %v, portable %v", trial, i, t2[i], t1[i])
			}
		}
	}
}

// TestTeleaSumsKernelMatchesSumsInside compares the kernel's four sums
// with the portable loop's, bit for bit, for every pixel of random frames
// whose window fits, with random states, arrival times, gradients and
// pixels: the march's output rounds the sums to bytes, which would hide a
// kernel adding the same terms in another order.
func TestTeleaSumsKernelMatchesSumsInside(t *testing.T) {
	sums := teleaSums
	if sums == nil { // no kernel on this CPU: the comparison is with itself
		sums = func(f *teleaFiller, i int, gx, gy, ti float64) (a0, a1, a2, sum float64) {
			return f.sumsInside(i, gx, gy, ti)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 16 {
		radius := []int{5, 3, 1, 8, 2, 6, 7, 12}[trial%8] // runs of every length modulo 4
		w, h := 2*radius+2+rng.IntN(30), 2*radius+2+rng.IntN(30)
		f := teleaFiller{pix: make([]uint8, 4*w*h), w: w, h: h, state: make([]uint8, w*h), t: make([]float64, w*h),
			offs: teleaWindow(radius), radius: radius}
		for i := range f.pix {
			f.pix[i] = uint8(rng.IntN(256))
		}
		for i := range f.state {
			f.state[i] = uint8(rng.IntN(4))
			f.t[i] = float64(rng.IntN(40000)) / 999
		}
		for k := range f.offs {
			f.offs[k].q = f.offs[k].dy*w + f.offs[k].dx
		}
		f.prepareTerms()
		for y := radius; y+radius < h; y++ {
			for x := radius; x+radius < w; x++ {
				i := y*w + x
				if i+f.runReach.max+3 >= len(f.t) {
					continue
				}
				gx, gy := float64(rng.IntN(2001)-1000)/999, float64(rng.IntN(2001)-1000)/999
				ti := f.t[i]
				want := [4]float64{}
				want[0], want[1], want[2], want[3] = f.sumsInside(i, gx, gy, ti)
				got := [4]float64{}
				got[0], got[1], got[2], got[3] = sums(&f, i, gx, gy, ti)
				for c := range got {
					if math.Float64bits(got[c]) != math.Float64bits(want[c]) {
						t.Fatalf("trial %d, pixel (%d,%d): sum %d is %v, portable %v", trial, x, y, c, got[c], want[c])
					}
				}
			}
		}
	}
}
