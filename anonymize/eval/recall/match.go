package recall

import (
	"image"
	"sort"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
)

// Thresholds of the evaluation, fixed with the labels.
const (
	MatchIoU      = 0.5 // a detection of the object's class overlapping this much finds it
	CoverFraction = 0.9 // an object is covered when this much of its box is masked
	// A detection is a false positive when less than this fraction of its
	// box lies inside labelled objects (of any class: a face box inside a
	// labelled person is not false).
	FPInside = 0.5
)

// Outcome is how one labelled object fared against one system.
type Outcome struct {
	Matched bool // IoU >= MatchIoU with a same-class detection (one-to-one)
	Covered bool // >= CoverFraction of its box inside the union of all detected boxes
}

// Score matches one image's labels with a system's detections.
func Score(objs []Object, dets []anonymize.Region, bounds image.Rectangle) (outs []Outcome, falsePositives int) {
	outs = make([]Outcome, len(objs))
	// One-to-one matching, best IoU first; ties by index for determinism.
	type pair struct {
		o, d int
		iou  float64
	}
	var pairs []pair
	for oi, o := range objs {
		for di, d := range dets {
			if d.Class != o.Class {
				continue
			}
			if v := box.IoU(box.FromRect(o.Rect()), box.FromRect(d.Box)); v >= MatchIoU {
				pairs = append(pairs, pair{oi, di, v})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].iou > pairs[j].iou })
	usedD := make([]bool, len(dets))
	for _, p := range pairs {
		if outs[p.o].Matched || usedD[p.d] {
			continue
		}
		outs[p.o].Matched, usedD[p.d] = true, true
	}
	mask := unionMask(dets, bounds)
	for oi, o := range objs {
		r := o.Rect().Intersect(bounds)
		covered, total := 0, r.Dx()*r.Dy()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if mask.Pix[mask.PixOffset(x, y)] != 0 {
					covered++
				}
			}
		}
		outs[oi].Covered = total > 0 && float64(covered) >= CoverFraction*float64(total)
	}
	for _, d := range dets {
		inside := 0.0
		db := box.FromRect(d.Box)
		for _, o := range objs {
			inside = max(inside, db.Intersect(box.FromRect(o.Rect())).Area()/db.Area())
		}
		if inside < FPInside {
			falsePositives++
		}
	}
	return outs, falsePositives
}

// unionMask marks every pixel inside any region's erased area (its box,
// or more when the detector keeps a margin: Region.EraseBox). Boxes, not
// masks: labels are boxes, and a silhouette mask never covers a box's
// corners, so mask coverage would count every segmented person as missed.
func unionMask(dets []anonymize.Region, bounds image.Rectangle) *image.Alpha {
	m := image.NewAlpha(bounds)
	for _, d := range dets {
		r := d.EraseBox().Intersect(bounds)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := m.Pix[m.PixOffset(r.Min.X, y):m.PixOffset(r.Max.X, y)]
			for i := range row {
				row[i] = 255
			}
		}
	}
	return m
}
