package fill

// level is one scale of the PatchMatch pyramid.
type level struct {
	w, h int
	pix  []uint8 // RGBA layout; hole pixels hold the current estimate
	hole []bool
	// blocked pixels belong to other components: no value, never a source.
	blocked []bool
}

// downsample halves a level: a coarse pixel averages its (up to four)
// children and is a hole when any child is, else blocked when any child
// is, so a coarse known pixel only summarises truly known pixels.
func downsample(l *level) *level {
	w, h := (l.w+1)/2, (l.h+1)/2
	c := &level{w: w, h: h, pix: make([]uint8, 4*w*h), hole: make([]bool, w*h), blocked: make([]bool, w*h)}
	for y := 0; y < h; y++ {
		x := 0
		if 2*y+1 < l.h {
			x = c.downsampleFull(l, y)
		}
		for ; x < w; x++ {
			c.downsampleAt(l, x, y)
		}
	}
	return c
}

// downsampleFull computes the coarse pixels of row y whose four children
// are all in the frame and all known, the common case, without per-child
// checks, and hands the others to downsampleAt. It returns where the
// children run out of the frame (the last column of an odd width).
func (c *level) downsampleFull(l *level, y int) int {
	w2 := l.w / 2
	r0, r1 := 2*y*l.w, (2*y+1)*l.w
	for x := 0; x < w2; x++ {
		j0, j1 := r0+2*x, r1+2*x
		if l.hole[j0] || l.hole[j0+1] || l.hole[j1] || l.hole[j1+1] ||
			l.blocked[j0] || l.blocked[j0+1] || l.blocked[j1] || l.blocked[j1+1] {
			c.downsampleAt(l, x, y)
			continue
		}
		a, b, d, e := l.pix[4*j0:4*j0+3], l.pix[4*j0+4:4*j0+7], l.pix[4*j1:4*j1+3], l.pix[4*j1+4:4*j1+7]
		i := 4 * (y*c.w + x)
		for k := 0; k < 3; k++ {
			c.pix[i+k] = uint8((int(a[k]) + int(b[k]) + int(d[k]) + int(e[k]) + 2) / 4)
		}
		c.pix[i+3] = 0xff
	}
	return w2
}

// downsampleAt computes coarse pixel (x, y) child by child.
func (c *level) downsampleAt(l *level, x, y int) {
	var sum [3]int
	n := 0
	hole, blocked := false, false
	for dy := 0; dy < 2; dy++ {
		for dx := 0; dx < 2; dx++ {
			fx, fy := 2*x+dx, 2*y+dy
			if fx >= l.w || fy >= l.h {
				continue
			}
			j := fy*l.w + fx
			if l.hole[j] || l.blocked[j] {
				hole = hole || l.hole[j]
				blocked = blocked || l.blocked[j]
				continue
			}
			for k := 0; k < 3; k++ {
				sum[k] += int(l.pix[4*j+k])
			}
			n++
		}
	}
	i := y*c.w + x
	c.hole[i] = hole
	c.blocked[i] = blocked && !hole
	c.pix[4*i+3] = 0xff
	if hole || blocked {
		return
	}
	for k := 0; k < 3; k++ {
		c.pix[4*i+k] = uint8((sum[k] + n/2) / n)
	}
}

// validSources marks the pixels whose patch (side 2*half+1) lies inside the
// frame and contains no hole or blocked pixel: the only patches PatchMatch
// copies from.
func validSources(l *level, half int) (valid []bool, list []int32) {
	w, h := l.w, l.h
	valid = make([]bool, w*h)
	// integral image of hole counts, (w+1)×(h+1)
	ii := make([]int32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row int32
		for x := 0; x < w; x++ {
			if l.hole[y*w+x] || l.blocked[y*w+x] {
				row++
			}
			ii[(y+1)*(w+1)+x+1] = ii[y*(w+1)+x+1] + row
		}
	}
	for y := half; y < h-half; y++ {
		for x := half; x < w-half; x++ {
			x0, y0, x1, y1 := x-half, y-half, x+half+1, y+half+1
			n := ii[y1*(w+1)+x1] - ii[y0*(w+1)+x1] - ii[y1*(w+1)+x0] + ii[y0*(w+1)+x0]
			if n == 0 {
				valid[y*w+x] = true
				list = append(list, int32(y*w+x))
			}
		}
	}
	return valid, list
}

// targets lists the pixels within half (Chebyshev distance) of a hole pixel,
// the centres of every patch that overlaps the hole, in raster order.
// index[i] is the pixel's position in the list, or -1.
func targets(l *level, half int) (list []int32, index []int32) {
	w, h := l.w, l.h
	rows := make([]bool, w*h)
	for y := 0; y < h; y++ {
		last := -1 << 30 // x of the last hole pixel seen
		for x := 0; x < w; x++ {
			if l.hole[y*w+x] {
				last = x
			}
			if x-last <= half {
				rows[y*w+x] = true
			}
		}
		last = 1 << 30
		for x := w - 1; x >= 0; x-- {
			if l.hole[y*w+x] {
				last = x
			}
			if last-x <= half {
				rows[y*w+x] = true
			}
		}
	}
	index = make([]int32, w*h)
	for i := range index {
		index[i] = -1
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			hit := false
			for dy := max(0, y-half); dy <= min(h-1, y+half) && !hit; dy++ {
				hit = rows[dy*w+x]
			}
			if hit {
				index[y*w+x] = int32(len(list))
				list = append(list, int32(y*w+x))
			}
		}
	}
	return list, index
}
