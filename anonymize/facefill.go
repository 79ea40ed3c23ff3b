package anonymize

import "github.com/msec-city/msec/anonymize/fill"

// teleaForFaces switches the PatchMatch components that hold a face to
// Telea, in place. PatchMatch copies texture from around the hole, and
// around a face that is hair, skin and, in a crowd, other faces: in the
// evaluation the recheck flagged (and refilled with Telea) the face holes
// of messi5 on every run, and the one leak found in an output without the
// recheck was a face hole filled with pasted crowd texture in which pigo
// found a face. Telea's smooth fill cannot synthesise one, and a face hole
// is small and enclosed, the case Telea suits, so this spends neither the
// PatchMatch fill nor the detectors' second look on it. Only the automatic
// choice is overridden: a forced method stays forced, and a background
// plate (which PatchMatch never replaces) is untouched.
func teleaForFaces(labels []int32, w int, plan []fill.ComponentFill, regions []Region) {
	for _, r := range regions {
		if r.Class != ClassFace {
			continue
		}
		b := r.EraseBox()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for _, l := range labels[y*w+b.Min.X : y*w+b.Max.X] {
				if l != 0 && plan[l-1].Method == fill.PatchMatch {
					plan[l-1].Method = fill.Telea
				}
			}
		}
	}
}
