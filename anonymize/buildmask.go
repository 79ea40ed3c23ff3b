package anonymize

import (
	"image"
	"math"

	"github.com/msec-city/msec/anonymize/mask"
)

// MaskRadii are the pixel sizes derived from MaskParams for one image.
type MaskRadii struct {
	Clean  int `json:"clean"`
	Expand int `json:"expand"`
}

// Radii turns the ratios into pixels for a w×h image.
func (p MaskParams) Radii(w, h int) MaskRadii {
	mean := float64(w+h) / 2
	return MaskRadii{
		Clean:  int(math.Round(p.CleanRatio * mean)),
		Expand: int(math.Round(p.ExpandRatio * mean)),
	}
}

// grownBox is a box region's erased area, grown on each side by ratio times
// its longer side when it is a face.
func grownBox(r Region, ratio float64) image.Rectangle {
	b := r.EraseBox()
	if r.Class != ClassFace {
		return b
	}
	return b.Inset(-int(math.Round(ratio * float64(max(b.Dx(), b.Dy())))))
}

// BuildMask unions the regions into the mask of pixels to erase: per-pixel
// region masks are opened (specks removed), boxes are added whole, the
// union is closed (gaps filled) and dilated, face boxes are grown first, then a bounded downward pie
// slice covers the shadow of every person and vehicle. Every step after the
// opening only adds pixels, so no box detection is ever shrunk.
func BuildMask(w, h int, regions []Region, p MaskParams) (*mask.Mask, MaskRadii) {
	rad := p.Radii(w, h)
	frame := image.Rect(0, 0, w, h)
	pixels := mask.New(w, h)
	boxes := mask.New(w, h)
	for _, r := range regions {
		if r.Mask != nil {
			a := r.Mask.SubImage(r.Box.Intersect(frame)).(*image.Alpha)
			pixels.OrAlpha(a)
		} else {
			boxes.FillRect(grownBox(r, p.FaceGrowRatio))
		}
	}
	m := pixels.Open(rad.Clean)
	m.Or(boxes)
	m = m.Close(rad.Clean).Dilate(rad.Expand)
	capReach := int(math.Round(p.ShadowMaxRatio * float64(h)))
	for _, r := range regions {
		if r.Class != ClassPerson && r.Class != ClassVehicle {
			continue
		}
		box := r.Box.Intersect(frame)
		reach := min(int(math.Round(p.ShadowRatio*float64(box.Dy()))), capReach)
		var src func(x, y int) bool
		if r.Mask != nil {
			src = func(x, y int) bool { return r.Mask.AlphaAt(x, y).A != 0 }
		}
		m.Shadow(box, src, reach)
	}
	return m, rad
}
