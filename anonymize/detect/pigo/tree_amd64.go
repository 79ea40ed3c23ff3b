package pigo

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

func init() {
	if cpu.X86.HasAVX2 && cpu.X86.HasBMI2 && cpu.X86.HasPOPCNT {
		stepKernel = treeStepAVX2
	}
}

// packOrder[m] lists the set bits of the 8-bit mask m in ascending order
// (then zeros): the permutation that moves the lanes m keeps to the front.
var packOrder = func() (t [256][8]int32) {
	for m := range t {
		k := 0
		for l := range 8 {
			if m&(1<<l) != 0 {
				t[m][k] = int32(l)
				k++
			}
		}
	}
	return t
}()

//go:noescape
func treeAVX2(base unsafe.Pointer, pos *int32, sums *float32, n int, o *nodeOffsets, leaves *[treeLeaves]float32, th float32, pack *[256][8]int32) int

// treeStepAVX2 is treeStepGo eight windows at a time (tree_amd64.s). The
// lanes past the last live window read the first window's pixels, so
// every pixel read stays where treeStepGo's would; their results are
// dropped.
func treeStepAVX2(base unsafe.Pointer, pos []int32, sums []float32, o *nodeOffsets, leaves *[treeLeaves]float32, th float32) int {
	n := len(pos)
	if n == 0 {
		return 0
	}
	pad := pos[n : n+stepPad]
	for i := range pad {
		pad[i] = pos[0]
	}
	_ = sums[:n+stepPad]
	return treeAVX2(base, &pos[0], &sums[0], n, o, leaves, th, &packOrder)
}
