package recall

import (
	"strings"

	"github.com/msec-city/msec/anonymize"
)

// Subsets is every subset of members as a System, smallest first (then
// in the members' order), so the table reads from no detector at all (the
// baseline every subset must beat to be worth its cost) up to the whole
// set. It is the evidence for choosing a default set: what each detector
// adds on top of the others.
func Subsets(members []string) []System {
	out := []System{{Name: "(none)"}}
	for size := 1; size <= len(members); size++ {
		for bits := 1; bits < 1<<len(members); bits++ {
			if popcount(bits) != size {
				continue
			}
			var s []string
			for i, m := range members {
				if bits&(1<<i) != 0 {
					s = append(s, m)
				}
			}
			out = append(out, System{Name: strings.Join(s, "+"), Members: s})
		}
	}
	return out
}

func popcount(v int) int {
	n := 0
	for ; v != 0; v &= v - 1 {
		n++
	}
	return n
}

// SubsetRow is one subset's outcome on the labelled set and its cost.
type SubsetRow struct {
	Summary
	// Cost is the CPU seconds per 1920x1080 frame of its members (the sum
	// of each detector's cost alone).
	Cost float64
	// Pareto is set when no other row is at least as cheap and at least
	// as good on every measure (each class's recall and coverage, the
	// frontal-face goal), and strictly better on one.
	Pareto bool
}

// measures are the quantities a subset is compared on: recall at IoU
// 0.5 and coverage recall for frontal faces >= 20 px and for every class
// with labels.
func (s Summary) measures() []int {
	out := []int{s.Frontal.Matched, s.Frontal.Covered}
	for _, c := range anonymize.AllClasses {
		out = append(out, s.ByClass[c].Matched, s.ByClass[c].Covered)
	}
	return out
}

// ScoreSubsets summarises each system and marks the Pareto frontier of
// cost against every measure. cost is per detector name.
func (r *Run) ScoreSubsets(systems []System, cost map[string]float64) []SubsetRow {
	rows := make([]SubsetRow, len(systems))
	for i, s := range systems {
		rows[i].Summary = r.Summarise(s)
		for _, m := range s.Members {
			rows[i].Cost += cost[m]
		}
	}
	for i := range rows {
		rows[i].Pareto = true
		for j := range rows {
			if j != i && dominates(rows[j], rows[i]) {
				rows[i].Pareto = false
				break
			}
		}
	}
	return rows
}

// dominates reports whether a is no worse than b everywhere and better
// somewhere.
func dominates(a, b SubsetRow) bool {
	if a.Cost > b.Cost {
		return false
	}
	better := a.Cost < b.Cost
	ma, mb := a.measures(), b.measures()
	for k := range ma {
		if ma[k] < mb[k] {
			return false
		}
		if ma[k] > mb[k] {
			better = true
		}
	}
	return better
}
