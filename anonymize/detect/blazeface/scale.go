package blazeface

// scaleKernel, set where the CPU has one (scale_amd64.go), computes
// dst[i] = src[i]/127.5 - 1 for n values (a multiple of 8) with the same
// division and subtraction as toUnitRange, so the same bits.
var scaleKernel func(dst, src []float32, n int)

// toUnitRange maps resampled channel values in [0, 255] to the network's
// [-1, 1]: dst[i] = src[i]/127.5 - 1.
func toUnitRange(dst, src []float32) {
	dst = dst[:len(src)]
	i := 0
	if scaleKernel != nil && len(src) >= 8 {
		i = len(src) / 8 * 8
		scaleKernel(dst, src, i)
	}
	for ; i < len(src); i++ {
		dst[i] = src[i]/127.5 - 1
	}
}
