package raster

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		greyKernel = greyAVX2
		addScaledKernel = addScaledAVX2
		widenKernel = widenAVX2
	}
}

//go:noescape
func greyAVX2(out, rowf *float32, index *int32, weight *float32, n, taps int)

//go:noescape
func addScaledAVX2(out, in *float32, w float32, n int)

//go:noescape
func widenAVX2(out *float32, in *uint8, n int)
