package fill

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		patchSSD = patchSSDAVX2
	}
}

//go:noescape
func ssdAVX2(a, b *uint8, stride, width, rows int, limit int32) int32

// patchSSDAVX2 checks the bounds the kernel relies on, then runs it.
func patchSSDAVX2(pix []uint8, a, b, stride, width, rows int, limit int32) int32 {
	last := (rows-1)*stride + 4*width
	if a < 0 || b < 0 || a+last > len(pix) || b+last > len(pix) {
		panic("fill: patch outside the level")
	}
	return ssdAVX2(&pix[a], &pix[b], stride, width, rows, limit)
}
