package recall

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/msec-city/msec/anonymize"
)

// pct formats k/n as a rate with its Wilson interval.
func pct(k, n int) string {
	if n == 0 {
		return "n/a"
	}
	lo, hi := Wilson(k, n)
	return fmt.Sprintf("%.2f [%.2f, %.2f]", float64(k)/float64(n), lo, hi)
}

// WriteMarkdown writes the full report: the pooled systems by class and
// size band, each detector alone, the frontal-face goal, per-image counts.
func WriteMarkdown(w io.Writer, r *Run, header string, pooled []System, singles []System) {
	fmt.Fprintln(w, header)
	fmt.Fprintf(w, "Recall at IoU >= %.1f with a same-class detection (one-to-one), and coverage recall (>= %.0f%% of the labelled box inside the union of all detected regions, any class), with 95%% Wilson intervals. A false positive is a detection with less than %.0f%% of its box inside labelled objects.\n\n",
		MatchIoU, 100*CoverFraction, 100*FPInside)
	for _, s := range pooled {
		sum := r.Summarise(s)
		fmt.Fprintf(w, "### %s\n\nDetectors: %s. Images: %d. False positives per image: %.2f.\n\n", s.Name, strings.Join(s.Members, ", "), sum.Images, float64(sum.FP)/float64(max(sum.Images, 1)))
		fmt.Fprintln(w, "| class | size band (px) | objects | recall@IoU0.5 [95% CI] | coverage recall [95% CI] |")
		fmt.Fprintln(w, "| --- | --- | ---: | --- | --- |")
		for _, c := range anonymize.AllClasses {
			for _, b := range Bands[c] {
				t := sum.ByBand[c][b.Name]
				if t.N == 0 {
					continue
				}
				fmt.Fprintf(w, "| %s | %s | %d | %s | %s |\n", c, b.Name, t.N, pct(t.Matched, t.N), pct(t.Covered, t.N))
			}
			if t := sum.ByClass[c]; t.N > 0 {
				fmt.Fprintf(w, "| **%s** | all | %d | %s | %s |\n", c, t.N, pct(t.Matched, t.N), pct(t.Covered, t.N))
			}
		}
		if sum.Frontal.N > 0 {
			fmt.Fprintf(w, "| face | frontal, >= 20 | %d | %s | %s |\n", sum.Frontal.N, pct(sum.Frontal.Matched, sum.Frontal.N), pct(sum.Frontal.Covered, sum.Frontal.N))
		}
		fmt.Fprintln(w)
	}
	writeSingles(w, r, singles)
	writePerImage(w, r, pooled[0])
	writeMissedFaces(w, r, pooled[0])
}

// writeMissedFaces lists every labelled face the system did not match, so
// each miss can be looked at.
func writeMissedFaces(w io.Writer, r *Run, s System) {
	fmt.Fprintf(w, "### Faces not matched at IoU 0.5 (%s)\n\n| image | box | size band | frontal | covered |\n| --- | --- | --- | --- | --- |\n", s.Name)
	for i, l := range r.Images {
		dets, ok := r.Pooled(s, i)
		if !ok {
			continue
		}
		outs, _ := Score(l.Label.Objects, dets, l.Img.Bounds())
		for oi, o := range l.Label.Objects {
			if o.Class == anonymize.ClassFace && !outs[oi].Matched {
				fmt.Fprintf(w, "| %s | %v | %s | %v | %v |\n", l.Label.Path, o.Box, BandOf(o), o.Frontal, outs[oi].Covered)
			}
		}
	}
	fmt.Fprintln(w)
}

func writeSingles(w io.Writer, r *Run, singles []System) {
	fmt.Fprintln(w, "### Each detector alone")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| detector | class | objects | recall@IoU0.5 | coverage recall | FP/image | s/image (this machine, shared cores) |")
	fmt.Fprintln(w, "| --- | --- | ---: | --- | --- | ---: | ---: |")
	for _, s := range singles {
		sum := r.Summarise(s)
		classes := r.classesOf(s)
		for _, c := range classes {
			t := sum.ByClass[c]
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %.2f | %.3f |\n", r.IDs[s.Members[0]], c, t.N, pct(t.Matched, t.N), pct(t.Covered, t.N),
				float64(sum.FP)/float64(max(sum.Images, 1)), sum.Seconds)
		}
		if slices.Contains(classes, anonymize.ClassFace) && sum.Frontal.N > 0 {
			fmt.Fprintf(w, "| %s | face, frontal >= 20 px | %d | %s | %s | | |\n", r.IDs[s.Members[0]], sum.Frontal.N, pct(sum.Frontal.Matched, sum.Frontal.N), pct(sum.Frontal.Covered, sum.Frontal.N))
		}
	}
	fmt.Fprintln(w)
}

// classesOf lists the classes a single-detector system reports, in report
// order.
func (r *Run) classesOf(s System) []anonymize.Class {
	var out []anonymize.Class
	for _, c := range anonymize.AllClasses {
		if slices.Contains(r.Classes[s.Members[0]], c) {
			out = append(out, c)
		}
	}
	return out
}

func writePerImage(w io.Writer, r *Run, s System) {
	sum := r.Summarise(s)
	fmt.Fprintf(w, "### Per image (%s)\n\n| image | labelled objects | found at IoU0.5 | false positives |\n| --- | ---: | ---: | ---: |\n", s.Name)
	for _, p := range sum.PerImage {
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", p.Path, p.Labels, p.Hits, p.FP)
	}
	fmt.Fprintln(w)
}
