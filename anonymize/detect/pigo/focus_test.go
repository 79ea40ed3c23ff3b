package pigo

import (
	"image"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFocusWindowsMatchPerColumnTest compares focus.windows with its
// definition, tested column by column, on random rectangles (overlapping,
// touching, off the plane) and rows.
func TestFocusWindowsMatchPerColumnTest(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := range 300 {
		f := &focus{}
		for range 1 + rng.IntN(6) {
			x, y := rng.IntN(300)-40, rng.IntN(200)-40
			f.rects = append(f.rects, image.Rect(x, y, x+1+rng.IntN(120), y+1+rng.IntN(90)))
		}
		size, step := 8+rng.IntN(60), 1+rng.IntN(6)
		var cols []int32
		for c := size/2 + 1; c <= 300-size/2-1; c += step {
			cols = append(cols, int32(c))
		}
		row := rng.IntN(260) - 30
		var want []int32
		for _, c := range cols {
			for _, r := range f.rects {
				if row > r.Min.Y-size && row < r.Max.Y+size && int(c) > r.Min.X-size && int(c) < r.Max.X+size {
					want = append(want, c)
					break
				}
			}
		}
		live := make([]int32, len(cols))
		got := live[:f.windows(row, size, cols, live)]
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: windows %v, want %v", trial, got, want)
		}
	}
}
