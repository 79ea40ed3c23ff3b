package onnx

// deinterleave copies src's values at even indexes to even and those at
// odd indexes to odd, in order: how the stride-2 convolutions lay out an
// input row so that adjacent outputs read adjacent values.
func deinterleave(even, odd, src []float32) {
	n := len(src) / 2
	i := 0
	if deinterleaveKernel != nil && n >= 8 {
		i = n / 8 * 8
		deinterleaveKernel(even[:i], odd[:i], src[:2*i], i)
	}
	e, o := even[:n], odd[:n]
	for ; i < n; i++ {
		p := src[2*i : 2*i+2 : 2*i+2]
		e[i], o[i] = p[0], p[1]
	}
	if len(src)%2 == 1 {
		even[n] = src[2*n]
	}
}
