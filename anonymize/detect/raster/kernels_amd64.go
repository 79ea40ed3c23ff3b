package raster

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		transposeRowsKernel = transposeRowsAVX2
		transposeRGBARowsKernel = transposeRGBARowsAVX2
		bandTapsKernel = bandTapsAVX2
		addScaledKernel = addScaledAVX2
	}
}

//go:noescape
func transposeRowsAVX2(dst *float32, rows *[bandRows]*uint8, n int)

//go:noescape
func transposeRGBARowsAVX2(dst *[3]*float32, rows *[bandRows]*uint8, n int)

//go:noescape
func bandTapsAVX2(out *float32, stride, step int, cols *float32, first, start *int, weights *float32, n int)

//go:noescape
func addScaledAVX2(out, in *float32, w float32, n int)
