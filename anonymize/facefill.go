package anonymize

import "github.com/msec-city/msec/anonymize/fill"

// teleaForFaces switches to Telea, in place, the PatchMatch components that
// hold a face and no person or vehicle. PatchMatch copies texture from
// around the hole, and around a face that is hair, skin and, in a crowd,
// other faces: the recheck flagged (and refilled with Telea) the face holes
// of messi5 on every run, and the one leak found in an output without the
// recheck was a face hole filled with pasted crowd texture in which pigo
// found a face. Telea's smooth fill cannot synthesise one, and a face hole
// is small and enclosed, the case Telea suits, so neither the PatchMatch
// fill nor the detectors' second look is spent on it. A person's or
// vehicle's hole keeps PatchMatch and the recheck even when it holds a
// face: on a hole that large Telea leaves a smooth blob, which BlazeFace
// once took for a face in the leakage check (vtest_0160), and PatchMatch is
// the better fill there (bench/results/anonymizer-fill.md). Only the
// automatic choice is overridden: a forced method stays forced, and a
// background plate (never PatchMatch) is untouched.
func teleaForFaces(labels []int32, w int, plan []fill.ComponentFill, regions []Region) {
	const face, body = 1, 2
	holds := make([]uint8, len(plan))
	for _, r := range regions {
		kind := uint8(body)
		switch r.Class {
		case ClassFace:
			kind = face
		case ClassPlate:
			continue
		}
		b := r.EraseBox()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for _, l := range labels[y*w+b.Min.X : y*w+b.Max.X] {
				if l != 0 {
					holds[l-1] |= kind
				}
			}
		}
	}
	for i, h := range holds {
		if h == face && plan[i].Method == fill.PatchMatch {
			plan[i].Method = fill.Telea
		}
	}
}
