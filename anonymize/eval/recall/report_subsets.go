package recall

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/msec-city/msec/anonymize"
)

// frac formats k/n as a rate with its count, compactly for wide tables.
func frac(k, n int) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f (%d/%d)", float64(k)/float64(n), k, n)
}

// WriteSubsets writes the subset table (every combination of the given
// detectors with its cost per 1080p frame and its recall and coverage per
// class), the Pareto frontier, and what leaving each detector out of the
// whole set loses, object by object.
func WriteSubsets(w io.Writer, r *Run, members []string, cost map[string]float64, costNote string) {
	rows := r.ScoreSubsets(Subsets(members), cost)
	fmt.Fprintf(w, "### Detector subsets\n\nEvery subset of %s, detections pooled; recall@IoU0.5 / coverage recall with counts (the Wilson intervals of the same counts are in the tables above: e.g. 22/24 is [0.74, 0.98], 24/24 [0.86, 1.00]). *cost* is the sum of the members' CPU seconds per 1920x1080 frame, %s. *Pareto*: no other subset is as cheap and at least as good on every recall and coverage column.\n\n",
		strings.Join(members, ", "), costNote)
	fmt.Fprintln(w, "| detectors | cost, CPU s/frame | face frontal >= 20 px: recall / coverage | face all | person | plate | FP/image | Pareto |")
	fmt.Fprintln(w, "| --- | ---: | --- | --- | --- | --- | ---: | --- |")
	for _, row := range rows {
		f := row.Frontal
		cells := []string{frac(f.Matched, f.N) + " / " + frac(f.Covered, f.N)}
		for _, c := range []anonymize.Class{anonymize.ClassFace, anonymize.ClassPerson, anonymize.ClassPlate} {
			t := row.ByClass[c]
			cells = append(cells, frac(t.Matched, t.N)+" / "+frac(t.Covered, t.N))
		}
		mark := ""
		if row.Pareto {
			mark = "yes"
		}
		fmt.Fprintf(w, "| %s | %.3f | %s | %.2f | %s |\n", row.System.Name, row.Cost, strings.Join(cells, " | "),
			float64(row.FP)/float64(max(row.Images, 1)), mark)
	}
	fmt.Fprintln(w)
	writeLeaveOneOut(w, r, members)
}

// writeLeaveOneOut lists, for each detector, the labelled objects the
// whole set matches or covers and the set without that detector does
// not: what the detector alone contributes.
func writeLeaveOneOut(w io.Writer, r *Run, members []string) {
	fmt.Fprintf(w, "### What each detector adds to the rest of %s\n\nObjects found (IoU 0.5) or covered by all of them and lost when the detector is left out.\n\n", strings.Join(members, "+"))
	fmt.Fprintln(w, "| left out | image | class | box | frontal | lost |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	for _, m := range members {
		rest := slices.DeleteFunc(slices.Clone(members), func(s string) bool { return s == m })
		lost := 0
		for i, l := range r.Images {
			all, _ := r.Pooled(System{Members: members}, i)
			without, _ := r.Pooled(System{Members: rest}, i)
			with, _ := Score(l.Label.Objects, all, l.Img.Bounds())
			wo, _ := Score(l.Label.Objects, without, l.Img.Bounds())
			for oi, o := range l.Label.Objects {
				var what []string
				if with[oi].Matched && !wo[oi].Matched {
					what = append(what, "IoU match")
				}
				if with[oi].Covered && !wo[oi].Covered {
					what = append(what, "coverage")
				}
				if len(what) > 0 {
					lost++
					fmt.Fprintf(w, "| %s | %s | %s | %v | %v | %s |\n", m, l.Label.Path, o.Class, o.Box, o.Frontal, strings.Join(what, ", "))
				}
			}
		}
		if lost == 0 {
			fmt.Fprintf(w, "| %s | (nothing lost) | | | | |\n", m)
		}
	}
	fmt.Fprintln(w)
}
