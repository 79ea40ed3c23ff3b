package fill

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		teleaTerms = teleaTermsChecked
	}
}

//go:noescape
func teleaTermsAVX2(t *float64, pix *uint8, runs *teleaRun, nruns int, soa *float64, stride int, gv *[3]float64)

// teleaTermsChecked checks the reads the kernel makes (every run's
// neighbours and up to three past its end, t and pix alike), then runs
// it for pixel i.
func teleaTermsChecked(f *teleaFiller, i int, gx, gy, ti float64) {
	lo, hi := i+f.runReach.min, i+f.runReach.max+3
	if lo < 0 || hi >= len(f.t) || 4*hi+3 >= len(f.pix) || len(f.runs) == 0 {
		panic("fill: Telea window outside the frame")
	}
	g := [3]float64{gx, gy, ti}
	teleaTermsAVX2(&f.t[i], &f.pix[4*i], &f.runs[0], len(f.runs), &f.soa[0], 8*f.stride, &g)
}
