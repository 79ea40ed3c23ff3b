package anonymize

import (
	"image"
	"image/draw"
	"math"
	"slices"
	"time"

	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

// The recheck looks at each PatchMatch component with a margin of
// recheckMargin times its shorter side (at least minRecheckMargin pixels)
// around it: an object the fill synthesised is at most as wide as the hole
// and lies at least half inside it, so that margin holds the rest of it.
// Crops are at least minCropSide wide, so the detectors' windows fit.
const (
	recheckMargin    = 0.5
	minRecheckMargin = 16
	minCropSide      = 128
)

// rechecked reports whether a detector takes part in the recheck: the
// face and person detectors, the classes a texture-copying fill can
// plausibly synthesise from a bystander the detectors missed. (The plate
// cascade finds no plate in the evaluation set at all, so rerunning it
// would cost time without protecting anything.)
func rechecked(d Detector) bool {
	return slices.Contains(d.Classes(), ClassFace) || slices.Contains(d.Classes(), ClassPerson)
}

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

// overlapped lists the PatchMatch components (plan indices, ascending)
// that a detection overlaps. Every rechecked detector runs on each crop
// around the PatchMatch components (see recheckCrops), copied to the
// origin, at the image's resolution. Sliding-window detectors
// (NearDetector) search only the windows near the components' boxes: a
// detection that overlaps a hole is made of windows centred near it, and
// the rest of the crop is there for context (see recheckNear).
func overlapped(img *image.RGBA, labels []int32, plan []fill.ComponentFill, dets []Detector) ([]int, error) {
	w := img.Rect.Dx()
	hit := make([]bool, len(plan))
	for _, crop := range recheckCrops(plan, img.Rect) {
		sub := image.NewRGBA(image.Rect(0, 0, crop.Dx(), crop.Dy()))
		draw.Draw(sub, sub.Rect, img, crop.Min, draw.Src)
		near := recheckNear(plan, crop)
		for _, d := range dets {
			if !rechecked(d) {
				continue
			}
			var found []Region
			var err error
			if nd, ok := d.(NearDetector); ok {
				found, err = nd.DetectNear(sub, near)
			} else {
				found, err = d.Detect(sub)
			}
			if err != nil {
				return nil, err
			}
			for _, r := range found {
				b := r.EraseBox().Add(crop.Min).Intersect(crop)
				for y := b.Min.Y; y < b.Max.Y; y++ {
					for x := b.Min.X; x < b.Max.X; x++ {
						if l := labels[y*w+x]; l != 0 && plan[l-1].Method == fill.PatchMatch {
							hit[l-1] = true
						}
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

// recheckCrops is one window per PatchMatch component (its box grown by the
// recheck margin, widened to minCropSide, clipped to the frame), with
// overlapping windows merged into their bounding box until none overlap,
// so an object straddling two nearby holes is seen whole and no pixel is
// examined twice. The order follows the plan.
func recheckCrops(plan []fill.ComponentFill, frame image.Rectangle) []image.Rectangle {
	var crops []image.Rectangle
	for _, c := range plan {
		if c.Method != fill.PatchMatch {
			continue
		}
		box := image.Rect(c.Box[0], c.Box[1], c.Box[2], c.Box[3])
		m := max(minRecheckMargin, int(math.Ceil(float64(recheckMargin*float64(min(box.Dx(), box.Dy()))))))
		crop := box.Inset(-m)
		if d := minCropSide - crop.Dx(); d > 0 {
			crop.Min.X, crop.Max.X = crop.Min.X-d/2, crop.Max.X+d-d/2
		}
		if d := minCropSide - crop.Dy(); d > 0 {
			crop.Min.Y, crop.Max.Y = crop.Min.Y-d/2, crop.Max.Y+d-d/2
		}
		crops = append(crops, crop.Intersect(frame))
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(crops) && !merged; i++ {
			for j := i + 1; j < len(crops); j++ {
				if crops[i].Overlaps(crops[j]) {
					crops[i] = crops[i].Union(crops[j])
					crops = append(crops[:j], crops[j+1:]...)
					merged = true
					break
				}
			}
		}
	}
	return crops
}

// recheckNear is the boxes of the PatchMatch components inside crop, in
// the crop's coordinates: where the recheck's sliding windows search.
//
// A window is searched when its centre lies within one window size of a
// box (NearDetector). What the recheck looks for is an object the fill
// synthesised, which lies at least half inside the hole, so its centre
// lies inside the component's box; a window of its size that frames it
// well enough to be grouped with it (pigo: IoU > 0.2, a centre less than
// 2/3 of the side away; OpenCV grouping: much closer) has its centre
// within one window size of the box. The windows left out are centred
// far from every hole: they see what the first pass already saw on the
// whole image.
func recheckNear(plan []fill.ComponentFill, crop image.Rectangle) []image.Rectangle {
	var near []image.Rectangle
	for _, c := range plan {
		box := image.Rect(c.Box[0], c.Box[1], c.Box[2], c.Box[3])
		if c.Method == fill.PatchMatch && box.Overlaps(crop) {
			near = append(near, box.Intersect(crop).Sub(crop.Min))
		}
	}
	return near
}
