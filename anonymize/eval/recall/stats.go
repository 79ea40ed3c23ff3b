package recall

import (
	"math"

	"github.com/msec-city/msec/anonymize"
)

// Wilson is the 95% Wilson score interval for k successes in n trials.
func Wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Band is a size range [Lo, Hi) of an object's characteristic side.
type Band struct {
	Name   string
	Lo, Hi int
}

// Bands per class; faces and people are sized by box height, plates and
// vehicles by width.
var Bands = map[anonymize.Class][]Band{
	anonymize.ClassFace:    {{"<20", 0, 20}, {"20-40", 20, 40}, {"40-80", 40, 80}, {">=80", 80, math.MaxInt}},
	anonymize.ClassPerson:  {{"<50", 0, 50}, {"50-100", 50, 100}, {"100-200", 100, 200}, {">=200", 200, math.MaxInt}},
	anonymize.ClassPlate:   {{"<40", 0, 40}, {"40-80", 40, 80}, {"80-160", 80, 160}, {">=160", 160, math.MaxInt}},
	anonymize.ClassVehicle: {{"<50", 0, 50}, {"50-100", 50, 100}, {"100-200", 100, 200}, {">=200", 200, math.MaxInt}},
}

// Size is the side an object's band is chosen by.
func Size(o Object) int {
	r := o.Rect()
	if o.Class == anonymize.ClassFace || o.Class == anonymize.ClassPerson {
		return r.Dy()
	}
	return r.Dx()
}

// BandOf names the size band an object falls in.
func BandOf(o Object) string {
	s := Size(o)
	for _, b := range Bands[o.Class] {
		if s >= b.Lo && s < b.Hi {
			return b.Name
		}
	}
	return "?"
}
