package cascade

import "math"

// integral holds the summed-area tables of one grey image, all (W+1) x
// (H+1) with a zero first row and column:
//   - sum(X, Y) = sum of pixels with x < X, y < Y;
//   - sq(X, Y) the same over squared pixels;
//   - tilted(X, Y) = sum of pixels with y < Y and |x - X + 1| <= Y - 1 - y
//     (a 45-degree triangle with its apex at (X-1, Y-1)), OpenCV's
//     definition for rotated features.
type integral struct {
	w, h   int // image size; tables have stride w+1
	sum    []int32
	sq     []float64
	tilted []int32
}

func newIntegral(pix []uint8, w, h int, withTilted bool) *integral {
	s := w + 1
	in := &integral{w: w, h: h, sum: make([]int32, s*(h+1)), sq: make([]float64, s*(h+1))}
	// rowPrefix[x] = sum of row y's pixels left of x; kept per row because
	// the tilted table needs it.
	var rowPrefix [][]int32
	if withTilted {
		rowPrefix = make([][]int32, h)
	}
	for y := range h {
		row := pix[y*w : (y+1)*w]
		var rs int32
		var rq float64
		prefix := make([]int32, w+1)
		for x, p := range row {
			rs += int32(p)
			rq += float64(int(p) * int(p))
			prefix[x+1] = rs
			in.sum[(y+1)*s+x+1] = in.sum[y*s+x+1] + rs
			in.sq[(y+1)*s+x+1] = in.sq[y*s+x+1] + rq
		}
		if withTilted {
			rowPrefix[y] = prefix
		}
	}
	if withTilted {
		in.tilted = tiltedTable(rowPrefix, w, h)
	}
	return in
}

// tiltedTable computes tilted(X, Y) as the difference of two diagonal
// accumulations of row prefix sums P(y, x):
//
//	right(X, Y) = sum_{y<Y} P(y, clamp(X + Y-1-y))  = right(X+1, Y-1) + P(Y-1, clamp(X))
//	left(X, Y)  = sum_{y<Y} P(y, clamp(X - Y + y)) = left(X-1, Y-1) + P(Y-1, clamp(X-1))
//
// Past the right edge right() is the full column total; left of x = 0
// left() is zero, so each cell costs O(1).
func tiltedTable(prefix [][]int32, w, h int) []int32 {
	s := w + 1
	clamp := func(x int) int { return max(0, min(x, w)) }
	right := make([]int32, s*(h+1))
	left := make([]int32, s*(h+1))
	total := make([]int32, h+1) // sum of rows < Y
	out := make([]int32, s*(h+1))
	for Y := 1; Y <= h; Y++ {
		p := prefix[Y-1]
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
	return out
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
