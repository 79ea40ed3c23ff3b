package fill

// cleanDist is dist for a target whose patch lies inside the level and
// holds no blocked pixel: the same sum, row by row with the same early
// stop, without the per-pixel checks. Sources are always whole patches.
func (f *field) cleanDist(t, s int32, limit int32) int32 {
	w, half := f.l.w, f.half
	a := 4 * (int(t) - half*w - half)
	b := 4 * (int(s) - half*w - half)
	return patchSSD(f.l.pix, a, b, 4*w, 2*half+1, 2*half+1, limit)
}

// patchSSD is the sum of squared R, G, B differences between the width x
// rows patches starting at byte offsets a and b of pix (row stride in
// bytes), returned as soon as it reaches limit after a row. A vector
// kernel replaces it where the CPU has one (dist_<arch>.go); integer
// arithmetic, so both give the same value.
var patchSSD = patchSSDGeneric

func patchSSDGeneric(pix []uint8, a, b, stride, width, rows int, limit int32) int32 {
	row := 4 * width
	var sum int32
	for range rows {
		ra := pix[a : a+row]
		rb := pix[b : b+row][:len(ra)]
		for x := 0; x+3 < len(ra); x += 4 {
			d0 := int32(ra[x]) - int32(rb[x])
			d1 := int32(ra[x+1]) - int32(rb[x+1])
			d2 := int32(ra[x+2]) - int32(rb[x+2])
			sum += d0*d0 + d1*d1 + d2*d2
		}
		if sum >= limit {
			return sum
		}
		a += stride
		b += stride
	}
	return sum
}

// cleanTargets marks the targets whose patch (side 2*half+1) lies inside
// the level and contains no blocked pixel.
func cleanTargets(l *level, half int, tlist []int32) []bool {
	w, h := l.w, l.h
	ii := make([]int32, (w+1)*(h+1)) // integral image of blocked pixels
	for y := range h {
		var run int32
		for x := range w {
			if l.blocked[y*w+x] {
				run++
			}
			ii[(y+1)*(w+1)+x+1] = ii[y*(w+1)+x+1] + run
		}
	}
	clean := make([]bool, len(tlist))
	for k, t := range tlist {
		x, y := int(t)%w, int(t)/w
		if x < half || y < half || x+half >= w || y+half >= h {
			continue
		}
		x0, y0, x1, y1 := x-half, y-half, x+half+1, y+half+1
		clean[k] = ii[y1*(w+1)+x1]-ii[y0*(w+1)+x1]-ii[y1*(w+1)+x0]+ii[y0*(w+1)+x0] == 0
	}
	return clean
}
