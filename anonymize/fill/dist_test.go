package fill

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCleanDistMatchesDist compares the fast distance with the checked one
// on every clean target of a level with holes and blocked pixels, against
// random sources and limits (including ones that stop early).
func TestCleanDistMatchesDist(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const w, h = 60, 50
	l := &level{w: w, h: h, pix: make([]uint8, 4*w*h), hole: make([]bool, w*h), blocked: make([]bool, w*h)}
	for i := range l.pix {
		l.pix[i] = uint8(rng.IntN(256))
	}
	for y := 20; y < 30; y++ {
		for x := 25; x < 35; x++ {
			l.hole[y*w+x] = true
		}
	}
	for y := 22; y < 26; y++ { // another component, right next to the hole
		for x := 37; x < 41; x++ {
			l.blocked[y*w+x] = true
		}
	}
	for x := 5; x < 9; x++ { // a hole touching the frame's edge
		l.hole[x] = true
	}
	f := newField(l, 4)
	cleanSeen, dirtySeen := 0, 0
	for k := range f.tlist {
		if !f.clean[k] {
			dirtySeen++
			continue
		}
		cleanSeen++
		for range 5 {
			s := f.sources[rng.IntN(len(f.sources))]
			limit := int32(math.MaxInt32)
			if rng.IntN(2) == 0 {
				limit = int32(rng.IntN(400000))
			}
			fast := f.dist(k, s, limit)
			f.clean[k] = false
			slow := f.dist(k, s, limit)
			f.clean[k] = true
			if fast != slow {
				t.Fatalf("target %d source %d limit %d: %d, checked %d", f.tlist[k], s, limit, fast, slow)
			}
		}
	}
	if cleanSeen == 0 || dirtySeen == 0 {
		t.Fatalf("want clean and unclean targets, got %d and %d", cleanSeen, dirtySeen)
	}
}

// TestPatchSSDMatchesGeneric compares the vector kernel (where the CPU has
// one) with the portable loop for every patch width PatchSize allows,
// random alpha values (which must not count) and limits that stop early.
func TestPatchSSDMatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const w, h = 40, 30
	pix := make([]uint8, 4*w*h)
	for i := range pix {
		pix[i] = uint8(rng.IntN(256))
	}
	for trial := range 2000 {
		side := 3 + 2*rng.IntN(7)
		ax, ay := rng.IntN(w-side+1), rng.IntN(h-side+1)
		bx, by := rng.IntN(w-side+1), rng.IntN(h-side+1)
		limit := int32(math.MaxInt32)
		if trial%2 == 0 {
			limit = int32(rng.IntN(200000))
		}
		a, b := 4*(ay*w+ax), 4*(by*w+bx)
		got := patchSSD(pix, a, b, 4*w, side, side, limit)
		want := patchSSDGeneric(pix, a, b, 4*w, side, side, limit)
		if got != want {
			t.Fatalf("side %d at %d,%d vs %d,%d limit %d: %d, portable %d", side, ax, ay, bx, by, limit, got, want)
		}
	}
}
