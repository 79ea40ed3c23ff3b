package cascade

import "math"

// integral holds the summed-area tables of one grey image, all (W+1) x
// (H+1) with a zero first row and column:
//   - sum(X, Y) = sum of pixels with x < X, y < Y;
//   - sq(X, Y) the same over squared pixels;
//   - tilted(X, Y) = sum of pixels with y < Y and |x - X + 1| <= Y - 1 - y
//     (a 45-degree triangle with its apex at (X-1, Y-1)), OpenCV's
//     definition for rotated features.
//
// tab joins the integer tables, sum first, so compiled features address
// both with one slice (tilted offsets start at tiltedAt). Each table is
// followed by tablePad unused entries, so the vector kernel's lanes past
// the last window of a row stay inside tab.
type integral struct {
	w, h     int // image size; tables have stride w+1
	tab      []int32
	tiltedAt int
	sum      []int32
	sq       []float64
	tilted   []int32
}

const tablePad = lanes

// tables is the memory of one integral and its scratch, reused from level
// to level of a scan (each level is smaller than the first): every entry
// the tables are read at is rewritten for each level.
type tables struct {
	tab                 []int32
	sq                  []float64
	prefix, right, left []int32
	total               []int32
}

// grow returns s with length n, reallocating only when it is too short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func newIntegral(pix []uint8, w, h int, withTilted bool) *integral {
	return new(tables).integral(pix, w, h, withTilted)
}

// integral computes the tables of a w x h grey image into t's memory; the
// result is valid until t's next use.
func (t *tables) integral(pix []uint8, w, h int, withTilted bool) *integral {
	s := w + 1
	n := s * (h + 1)
	in := &integral{w: w, h: h, tiltedAt: n + tablePad}
	t.sq = grow(t.sq, n)
	if withTilted {
		t.tab = grow(t.tab, 2*in.tiltedAt)
	} else {
		t.tab = grow(t.tab, in.tiltedAt)
	}
	in.tab, in.sq, in.sum = t.tab, t.sq, t.tab[:n]
	clear(in.sum[:s]) // row 0
	clear(in.sq[:s])
	// prefix row y, entry x = sum of row y's pixels left of x; the tilted
	// table needs them.
	t.prefix = grow(t.prefix, h*s)
	for y := range h {
		row := pix[y*w : (y+1)*w]
		prefix := t.prefix[y*s : (y+1)*s]
		prefix[0] = 0
		in.sum[(y+1)*s] = 0 // column 0
		in.sq[(y+1)*s] = 0
		var rs int32
		var rq float64
		for x, p := range row {
			rs += int32(p)
			rq += float64(int(p) * int(p))
			prefix[x+1] = rs
			in.sum[(y+1)*s+x+1] = in.sum[y*s+x+1] + rs
			in.sq[(y+1)*s+x+1] = in.sq[y*s+x+1] + rq
		}
	}
	if withTilted {
		in.tilted = in.tab[in.tiltedAt : in.tiltedAt+n]
		t.tiltedTable(in.tilted, w, h)
	}
	return in
}

// tiltedTable computes tilted(X, Y) into out as the difference of two
// diagonal accumulations of row prefix sums P(y, x):
//
//	right(X, Y) = sum_{y<Y} P(y, clamp(X + Y-1-y))  = right(X+1, Y-1) + P(Y-1, clamp(X))
//	left(X, Y)  = sum_{y<Y} P(y, clamp(X - Y + y)) = left(X-1, Y-1) + P(Y-1, clamp(X-1))
//
// Past the right edge right() is the full column total; left of x = 0
// left() is zero, so each cell costs O(1).
func (t *tables) tiltedTable(out []int32, w, h int) {
	s := w + 1
	clamp := func(x int) int { return max(0, min(x, w)) }
	t.right = grow(t.right, s*(h+1))
	t.left = grow(t.left, s*(h+1))
	t.total = grow(t.total, h+1) // sum of rows < Y
	right, left, total := t.right, t.left, t.total
	clear(right[:s])
	clear(left[:s])
	clear(out[:s])
	total[0] = 0
	for Y := 1; Y <= h; Y++ {
		p := t.prefix[(Y-1)*s : Y*s]
		total[Y] = total[Y-1] + p[w]
		for X := 0; X <= w; X++ {
			r := total[Y-1]
			if X+1 <= w {
				r = right[(Y-1)*s+X+1]
			}
			right[Y*s+X] = r + p[clamp(X)]
			var l int32
			if X-1 >= 0 {
				l = left[(Y-1)*s+X-1]
			}
			left[Y*s+X] = l + p[clamp(X-1)]
			out[Y*s+X] = right[Y*s+X] - left[Y*s+X]
		}
	}
}

// rectSum is the sum over an upright rectangle at (x, y) of size w x h.
func (in *integral) rectSum(x, y, w, h int) int32 {
	s := in.w + 1
	return in.sum[(y+h)*s+x+w] - in.sum[y*s+x+w] - in.sum[(y+h)*s+x] + in.sum[y*s+x]
}

// tiltedSum is the sum over a 45-degree rectangle with top corner (x, y),
// extending w down-right and h down-left (OpenCV's tilted offsets).
func (in *integral) tiltedSum(x, y, w, h int) int32 {
	s := in.w + 1
	t := in.tilted
	return t[y*s+x] - t[(y+h)*s+x-h] - t[(y+w)*s+x+w] + t[(y+w+h)*s+x+w-h]
}

// invNorm is 1 / sqrt(area*sqsum - sum^2) over the rectangle, OpenCV's
// variance normalisation (1 for a flat patch).
func (in *integral) invNorm(x, y, w, h int) float32 {
	s := in.w + 1
	sum := float64(in.rectSum(x, y, w, h))
	sq := in.sq[(y+h)*s+x+w] - in.sq[y*s+x+w] - in.sq[(y+h)*s+x] + in.sq[y*s+x]
	nf := float64(float64(w*h)*sq) - float64(sum*sum) // rounded products: no FMA
	if nf <= 0 {
		return 1
	}
	return float32(1 / math.Sqrt(nf))
}
