package box

import (
	"image"
	"math"
	"testing"
)

func TestIoU(t *testing.T) {
	a := Box{0, 0, 10, 10}
	if got := IoU(a, Box{5, 0, 15, 10}); got != 50.0/150 {
		t.Errorf("half overlap: %v", got)
	}
	if IoU(a, Box{20, 20, 30, 30}) != 0 || IoU(a, a) != 1 || IoU(Box{}, Box{}) != 0 {
		t.Error("disjoint, identical or empty boxes")
	}
	if r := (Box{-2.5, 1.2, 4.1, 9}).Rect(image.Rect(0, 0, 4, 8)); r != image.Rect(0, 1, 4, 8) {
		t.Errorf("Rect: %v", r)
	}
}

func TestWeightedMergeIsOrderIndependent(t *testing.T) {
	c := []Scored{
		{Box{0, 0, 10, 10}, 0.9},
		{Box{1, 1, 11, 11}, 0.6},
		{Box{50, 50, 60, 60}, 0.6},
		{Box{50, 50, 60, 60}, 0.8},
	}
	a := WeightedMerge(c, 0.3)
	b := WeightedMerge([]Scored{c[3], c[2], c[1], c[0]}, 0.3)
	if len(a) != 2 || len(b) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Fatalf("%v vs %v", a, b)
	}
	if a[0].Score != 0.9 || math.Abs(a[0].Box.X0-0.4) > 1e-12 {
		t.Fatalf("weighted mean: %+v", a[0])
	}
}

func TestSuppressDropsContained(t *testing.T) {
	kept := Suppress([]Scored{{Box{0, 0, 10, 10}, 0.9}, {Box{1, 1, 6, 9}, 0.8}, {Box{20, 0, 30, 10}, 0.5}}, 0.5, 0.7)
	if len(kept) != 2 || kept[1].Box.X0 != 20 {
		t.Fatalf("got %v", kept)
	}
}
