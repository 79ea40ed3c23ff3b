package anonymize

import (
	"image"
	"image/draw"
	"time"

	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

// minCropSide is the smallest crop handed to a detector.
const minCropSide = 128

// fillChecked fills the redacted image with the plan, then runs the
// detectors again around the PatchMatch components: PatchMatch copies
// texture from elsewhere in the image, so it could copy a bystander the
// detectors missed (a blurred face in a crowd) into the hole. A component
// that a detection overlaps is refilled with Telea, whose smooth fill
// cannot synthesise one. Components are filled independently of each other
// (fill.Apply), so the refill changes no other component and one look is
// enough. The final plan goes into the report, and Recompute replays it
// without any detector.
//
// checking accumulates the time spent in the detectors.
func fillChecked(redacted *image.RGBA, m *mask.Mask, labels []int32, plan []fill.ComponentFill, plate *image.RGBA,
	p fill.Params, seed uint64, dets []Detector, checking *time.Duration) (*image.RGBA, []fill.ComponentFill, error) {
	out, done, err := applyPlan(redacted, m, labels, plan, plate, p, seed)
	if err != nil {
		return nil, nil, err
	}
	if len(dets) == 0 {
		return out, done, nil
	}
	start := time.Now()
	flagged, err := overlapped(out, labels, done, dets)
	*checking += time.Since(start)
	if err != nil || len(flagged) == 0 {
		return out, done, err
	}
	for _, i := range flagged {
		done[i].Method = fill.Telea
	}
	done, err = fill.Refill(out, m, labels, done, flagged, plate, p, seed)
	if err != nil {
		return nil, nil, err
	}
	return out, done, nil
}

// overlapped lists the PatchMatch components (plan indices, ascending) that
// a detection overlaps. Every detector runs once, on one crop holding every
// PatchMatch component with context around it (each box grown by its
// longer side, the crop at least minCropSide wide), copied to the origin:
// at most one full-frame detection pass.
func overlapped(img *image.RGBA, labels []int32, plan []fill.ComponentFill, dets []Detector) ([]int, error) {
	var crop image.Rectangle
	for _, c := range plan {
		if c.Method == fill.PatchMatch {
			box := image.Rect(c.Box[0], c.Box[1], c.Box[2], c.Box[3])
			crop = crop.Union(box.Inset(-max(box.Dx(), box.Dy())))
		}
	}
	if crop.Empty() {
		return nil, nil
	}
	if d := minCropSide - crop.Dx(); d > 0 {
		crop.Min.X, crop.Max.X = crop.Min.X-d/2, crop.Max.X+d-d/2
	}
	if d := minCropSide - crop.Dy(); d > 0 {
		crop.Min.Y, crop.Max.Y = crop.Min.Y-d/2, crop.Max.Y+d-d/2
	}
	crop = crop.Intersect(img.Rect)
	sub := image.NewRGBA(image.Rect(0, 0, crop.Dx(), crop.Dy()))
	draw.Draw(sub, sub.Rect, img, crop.Min, draw.Src)
	w := img.Rect.Dx()
	hit := make([]bool, len(plan))
	for _, d := range dets {
		found, err := d.Detect(sub)
		if err != nil {
			return nil, err
		}
		for _, r := range found {
			b := r.Box.Add(crop.Min).Intersect(crop)
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if l := labels[y*w+x]; l != 0 && plan[l-1].Method == fill.PatchMatch {
						hit[l-1] = true
					}
				}
			}
		}
	}
	var out []int
	for i, h := range hit {
		if h {
			out = append(out, i)
		}
	}
	return out, nil
}
