package fill

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		teleaSums = teleaSumsChecked
	}
}

//go:noescape
func teleaSumsAVX2(t *float64, pix *uint8, state *uint8, runs *teleaRun, nruns int, soa *float64, stride int, gv *[3]float64, acc *[4]float64)

// teleaSumsChecked checks the reads the kernel makes (every run's
// neighbours and up to three past its end, in t, pix and state alike),
// then runs it for pixel i.
func teleaSumsChecked(f *teleaFiller, i int, gx, gy, ti float64) (a0, a1, a2, sum float64) {
	lo, hi := i+f.runReach.min, i+f.runReach.max+3
	if lo < 0 || hi >= len(f.t) || hi >= len(f.state) || 4*hi+3 >= len(f.pix) || len(f.runs) == 0 {
		panic("fill: Telea window outside the frame")
	}
	g := [3]float64{gx, gy, ti}
	var acc [4]float64
	teleaSumsAVX2(&f.t[i], &f.pix[4*i], &f.state[i], &f.runs[0], len(f.runs), &f.soa[0], 8*f.stride, &g, &acc)
	return acc[0], acc[1], acc[2], acc[3]
}
