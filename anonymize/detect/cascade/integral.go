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
	sqPadded []float64 // sq followed by tablePad unused entries, for invNormsKernel
	tilted   []int32
}

const tablePad = lanes

// tables is the memory of one integral and its scratch, reused from level
// to level of a scan (each level is smaller than the first): every entry
// the tables are read at is rewritten for each level.
type tables struct {
	tab []int32
	sq  []float64
	// One row each of the row prefix sums and of the tilted table's two
	// diagonal accumulations (see tiltedRow), for the row being made and
	// the one above it.
	prefix      []int32
	right, left [2][]int32
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
// result is valid until t's next use. All three tables are made in one
// pass over the rows: the tilted row Y needs only the row prefix sums of
// image row Y-1 and the previous row's diagonal accumulations.
func (t *tables) integral(pix []uint8, w, h int, withTilted bool) *integral {
	s := w + 1
	n := s * (h + 1)
	in := &integral{w: w, h: h, tiltedAt: n + tablePad}
	t.sq = grow(t.sq, n+tablePad)
	if withTilted {
		t.tab = grow(t.tab, 2*in.tiltedAt)
	} else {
		t.tab = grow(t.tab, in.tiltedAt)
	}
	in.tab, in.sq, in.sqPadded, in.sum = t.tab, t.sq[:n], t.sq, t.tab[:n]
	clear(in.sum[:s]) // row 0
	clear(in.sq[:s])
	// prefix entry x = sum of the current row's pixels left of x; the
	// tilted table needs them.
	t.prefix = grow(t.prefix, s)
	prefix := t.prefix
	prefix[0] = 0
	var total int32 // sum of the rows above the current one
	if withTilted {
		in.tilted = in.tab[in.tiltedAt : in.tiltedAt+n]
		clear(in.tilted[:s])
		for k := range 2 {
			t.right[k] = grow(t.right[k], s)
			t.left[k] = grow(t.left[k], s)
		}
		clear(t.right[0])
		clear(t.left[0])
	}
	for y := range h {
		row := pix[y*w : (y+1)*w]
		sumUp, sumRow := in.sum[y*s:(y+1)*s], in.sum[(y+1)*s:(y+2)*s]
		sqUp, sqRow := in.sq[y*s:(y+1)*s], in.sq[(y+1)*s:(y+2)*s]
		sumRow[0] = 0 // column 0
		sqRow[0] = 0
		var rs int32
		var rq float64
		pre := prefix[1:s]
		sumUp, sumRow = sumUp[1:s], sumRow[1:s]
		sqUp, sqRow = sqUp[1:s], sqRow[1:s]
		for x, p := range row {
			rs += int32(p)
			rq += float64(int(p) * int(p))
			pre[x] = rs
			sumRow[x] = sumUp[x] + rs
			sqRow[x] = sqUp[x] + rq
		}
		if withTilted {
			up, cur := y&1, (y+1)&1
			tiltedRow(in.tilted[(y+1)*s:(y+2)*s], prefix, total, t.right[up], t.left[up], t.right[cur], t.left[cur])
		}
		total += prefix[w]
	}
	return in
}

// tiltedRow computes row Y of the tilted table, tilted(X, Y) = right(X, Y)
// - left(X, Y), from the row prefix sums P(Y-1, .) of image row Y-1 and
// two diagonal accumulations:
//
//	right(X, Y) = sum_{y<Y} P(y, clamp(X + Y-1-y))  = right(X+1, Y-1) + P(Y-1, clamp(X))
//	left(X, Y)  = sum_{y<Y} P(y, clamp(X - Y + y)) = left(X-1, Y-1) + P(Y-1, clamp(X-1))
//
// Past the right edge right() is the full column total (total, the sum
// of the rows above Y-1); left of x = 0 left() is zero, so each cell
// costs O(1). rUp and lUp are row Y-1 of right() and left(), rRow and
// lRow receive row Y.
func tiltedRow(out, p []int32, total int32, rUp, lUp, rRow, lRow []int32) {
	w := len(out) - 1
	// X = 0: P(., clamp(-1)) = P(., 0) = 0.
	if w >= 1 {
		rRow[0] = rUp[1] + p[0]
	} else {
		rRow[0] = total + p[0]
	}
	lRow[0] = p[0]
	out[0] = rRow[0] - lRow[0]
	if w < 1 {
		return
	}
	rUp, rRow, lRow, out = rUp[:w+1], rRow[:w+1], lRow[:w+1], out[:w+1]
	lUp, p = lUp[:w+1], p[:w+1]
	for X := 1; X < w; X++ {
		r := rUp[X+1] + p[X]
		l := lUp[X-1] + p[X-1]
		rRow[X], lRow[X] = r, l
		out[X] = r - l
	}
	rRow[w] = total + p[w]
	lRow[w] = lUp[w-1] + p[w-1]
	out[w] = rRow[w] - lRow[w]
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
