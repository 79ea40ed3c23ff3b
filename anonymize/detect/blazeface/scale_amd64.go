package blazeface

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		scaleKernel = scaleAVX2
	}
}

//go:noescape
func toUnitRangeAVX2(dst *float32, src *float32, blocks int)

// scaleAVX2 maps n values (a multiple of 8); the caller has checked every
// bound.
func scaleAVX2(dst, src []float32, n int) {
	toUnitRangeAVX2(&dst[0], &src[0], n/8)
}
