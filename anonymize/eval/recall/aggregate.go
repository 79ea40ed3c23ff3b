package recall

import "github.com/msec-city/msec/anonymize"

// Tally counts objects found by each criterion.
type Tally struct{ N, Matched, Covered int }

func (t *Tally) add(o Outcome) {
	t.N++
	if o.Matched {
		t.Matched++
	}
	if o.Covered {
		t.Covered++
	}
}

// Summary is one system's result over the images it applies to.
type Summary struct {
	System   System
	Images   int
	FP       int
	ByBand   map[anonymize.Class]map[string]*Tally
	ByClass  map[anonymize.Class]*Tally
	Frontal  Tally // frontal faces of at least 20 px: the recall goal
	Seconds  float64
	PerImage []ImageScore
}

// ImageScore is one image's counts, for the per-image table.
type ImageScore struct {
	Path         string
	Labels, Hits int
	FP           int
}

// Summarise scores a system on every image it applies to.
func (r *Run) Summarise(s System) Summary {
	sum := Summary{System: s, ByBand: map[anonymize.Class]map[string]*Tally{}, ByClass: map[anonymize.Class]*Tally{}}
	for _, c := range anonymize.AllClasses {
		sum.ByClass[c] = &Tally{}
		sum.ByBand[c] = map[string]*Tally{}
		for _, b := range Bands[c] {
			sum.ByBand[c][b.Name] = &Tally{}
		}
	}
	for i, l := range r.Images {
		dets, ok := r.Pooled(s, i)
		if !ok {
			continue
		}
		sum.Images++
		outs, fp := Score(l.Label.Objects, dets, l.Img.Bounds())
		sum.FP += fp
		hits := 0
		for oi, o := range l.Label.Objects {
			sum.ByClass[o.Class].add(outs[oi])
			sum.ByBand[o.Class][BandOf(o)].add(outs[oi])
			if o.Class == anonymize.ClassFace && o.Frontal && Size(o) >= 20 {
				sum.Frontal.add(outs[oi])
			}
			if outs[oi].Matched {
				hits++
			}
		}
		sum.PerImage = append(sum.PerImage, ImageScore{Path: l.Label.Path, Labels: len(l.Label.Objects), Hits: hits, FP: fp})
	}
	for _, m := range s.Members {
		sum.Seconds += r.Seconds[m]
	}
	return sum
}
