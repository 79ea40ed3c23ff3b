package fill

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTeleaTermsKernelMatchesPortable runs Telea's march with the vector
// terms kernel and with the portable loop on random pixels with random
// holes, blocked pixels and holes touching the frame's edges, at several
// radii and maximum times, and requires the same pixel and arrival-time
// bits.
func TestTeleaTermsKernelMatchesPortable(t *testing.T) {
	if teleaTerms == nil {
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
			saved := teleaTerms
			if !kernel {
				teleaTerms = nil
			}
			defer func() { teleaTerms = saved }()
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
