// Package box has the rectangle arithmetic the detectors share: IoU,
// clipping and deterministic merging of overlapping detections.
package box

import (
	"image"
	"math"
)

// Box is an axis-aligned box in image pixels, [X0, X1) x [Y0, Y1).
type Box struct{ X0, Y0, X1, Y1 float64 }

// Area is the box's area; empty or inverted boxes have area 0.
func (b Box) Area() float64 {
	return math.Max(0, b.X1-b.X0) * math.Max(0, b.Y1-b.Y0)
}

// Intersect is the overlap of two boxes (possibly empty).
func (b Box) Intersect(o Box) Box {
	return Box{math.Max(b.X0, o.X0), math.Max(b.Y0, o.Y0), math.Min(b.X1, o.X1), math.Min(b.Y1, o.Y1)}
}

// IoU is intersection over union, 0 for disjoint or empty boxes.
func IoU(a, b Box) float64 {
	inter := a.Intersect(b).Area()
	union := a.Area() + b.Area() - inter
	if union <= 0 {
		return 0
	}
	return inter / union
}

// Rect rounds the box outward to whole pixels and clips it to bounds.
func (b Box) Rect(bounds image.Rectangle) image.Rectangle {
	r := image.Rect(int(math.Floor(b.X0)), int(math.Floor(b.Y0)), int(math.Ceil(b.X1)), int(math.Ceil(b.Y1)))
	return r.Intersect(bounds)
}

// FromRect converts an integer rectangle.
func FromRect(r image.Rectangle) Box {
	return Box{float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)}
}

// Scale multiplies every coordinate by s and then shifts by (dx, dy).
func (b Box) Scale(s, dx, dy float64) Box {
	// Products converted explicitly so no platform fuses them (FMA).
	return Box{float64(b.X0*s) + dx, float64(b.Y0*s) + dy, float64(b.X1*s) + dx, float64(b.Y1*s) + dy}
}

// Grow enlarges the box about its centre by factor f in each dimension.
func (b Box) Grow(f float64) Box {
	// Every product rounded on its own, including the halvings (which the
	// compiler turns into multiplications): no FMA on any platform.
	cx, cy := float64((b.X0+b.X1)/2), float64((b.Y0+b.Y1)/2)
	hw, hh := float64(float64((b.X1-b.X0)*f)/2), float64(float64((b.Y1-b.Y0)*f)/2)
	return Box{cx - hw, cy - hh, cx + hw, cy + hh}
}

// Relative returns rects moved so that origin becomes (0, 0): areas given
// in image coordinates, in the coordinates of a crop or plane starting at
// origin.
func Relative(rects []image.Rectangle, origin image.Point) []image.Rectangle {
	var out []image.Rectangle
	for _, r := range rects {
		out = append(out, r.Sub(origin))
	}
	return out
}
