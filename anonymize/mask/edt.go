package mask

import (
	"image"
	"sync"
)

// infDist is larger than any squared distance inside a supported frame.
const infDist = int64(1) << 62

// sources says which pixels a distance transform measures distance to:
// the frame's pixels whose value is value, and, when outside is set, every
// pixel outside the frame.
type sources struct {
	m       *Mask
	value   uint8
	outside bool
}

// row marks the sources among pixels [x0, x0+len(dst)) of row y.
func (s sources) row(y, x0 int, dst []bool) {
	if y < 0 || y >= s.m.H {
		for i := range dst {
			dst[i] = s.outside
		}
		return
	}
	pix := s.m.Pix[y*s.m.W : (y+1)*s.m.W]
	for i := range dst {
		if x := x0 + i; x >= 0 && x < s.m.W {
			dst[i] = pix[x] == s.value
		} else {
			dst[i] = s.outside
		}
	}
}

// colPool recycles the column pass's buffer: a 1080p mask step runs
// several transforms, and a fresh buffer each time is mostly page clearing.
var colPool sync.Pool

// sqDistRows computes, for every pixel of win, the squared Euclidean
// distance to the nearest source pixel of win (Felzenszwalb-Huttenlocher,
// two separable passes), and hands it to emit one row at a time: emit(y,
// row) gets row y (frame coordinates) of win, row[i] being pixel
// win.Min.X+i. The slice is reused for the next row. Sources outside win
// are ignored; callers choose win so that they cannot matter. Pixels with
// no source get infDist.
//
// The column pass runs row by row (each pixel's distance to the nearest
// source above, then below, in the same column), so memory is read in
// order, and only the column distances are stored (int32), never the
// whole result. All arithmetic is integer except the parabola intersection
// abscissa, a single correctly rounded division, so results are identical
// everywhere.
func sqDistRows(win image.Rectangle, src sources, emit func(y int, row []int64)) {
	w, h := win.Dx(), win.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	col := columnDistances(win, src)
	defer colPool.Put(&col)
	f := make([]int64, w)
	row := make([]int64, w)
	v := make([]int, w)
	z := make([]float64, w+1)
	for y := 0; y < h; y++ {
		for x, d := range col[y*w : (y+1)*w] {
			if d < 0 {
				f[x] = infDist
			} else {
				f[x] = int64(d) * int64(d)
			}
		}
		rowDistances(f, row, v, z)
		emit(win.Min.Y+y, row)
	}
}

// columnDistances is the column pass: each pixel's distance along y to
// the nearest source in its column of win, -1 when the column has none.
func columnDistances(win image.Rectangle, src sources) []int32 {
	w, h := win.Dx(), win.Dy()
	var col []int32
	if p, ok := colPool.Get().(*[]int32); ok && cap(*p) >= w*h {
		col = (*p)[:w*h]
	} else {
		col = make([]int32, w*h)
	}
	isSrc := make([]bool, w)
	for y := 0; y < h; y++ {
		src.row(win.Min.Y+y, win.Min.X, isSrc)
		cur := col[y*w : (y+1)*w]
		if y == 0 {
			for x, s := range isSrc {
				cur[x] = -1
				if s {
					cur[x] = 0
				}
			}
			continue
		}
		prev := col[(y-1)*w : y*w]
		for x, s := range isSrc {
			switch {
			case s:
				cur[x] = 0
			case prev[x] >= 0:
				cur[x] = prev[x] + 1
			default:
				cur[x] = -1
			}
		}
	}
	for y := h - 2; y >= 0; y-- {
		cur, next := col[y*w:(y+1)*w], col[(y+1)*w:(y+2)*w]
		for x, d := range cur {
			if n := next[x]; n >= 0 && (d < 0 || n+1 < d) {
				cur[x] = n + 1
			}
		}
	}
	return col
}

// rowDistances is the row pass, out[x] = min over q of f[q] + (x-q)²,
// run by run: a source (f 0) is its own nearest, and for a pixel between
// two sources no q beyond them can do better than they do (f >= 0 and
// (x-q)² grows with the distance), so each run of non-sources is solved
// with only the sources at its ends. The lower envelope's cost then
// follows the masked pixels rather than the window's width.
func rowDistances(f, out []int64, v []int, z []float64) {
	for x := 0; x < len(f); {
		if f[x] == 0 {
			out[x] = 0
			x++
			continue
		}
		a := x
		for x < len(f) && f[x] != 0 {
			x++
		}
		lo, hi := max(a-1, 0), min(x+1, len(f))
		envelope(f[lo:hi], out[lo:hi], v, z)
	}
}

// envelope is the row pass: out[x] = min over q of f[q] + (x-q)², by the
// lower envelope of the parabolas (v and z are scratch of len(f) and
// len(f)+1).
func envelope(f, out []int64, v []int, z []float64) {
	k := -1
	for q := range f {
		if f[q] >= infDist {
			continue
		}
		for {
			if k < 0 {
				k = 0
				v[0] = q
				z[0] = -1e300
				z[1] = 1e300
				break
			}
			p := v[k]
			num := (f[q] + int64(q*q)) - (f[p] + int64(p*p))
			s := float64(num) / float64(2*(q-p))
			if s <= z[k] {
				k--
				continue
			}
			k++
			v[k] = q
			z[k] = s
			z[k+1] = 1e300
			break
		}
	}
	if k < 0 {
		for x := range out {
			out[x] = infDist
		}
		return
	}
	j := 0
	for x := range out {
		for z[j+1] < float64(x) {
			j++
		}
		d := int64(x - v[j])
		out[x] = d*d + f[v[j]]
	}
}

// keepDistRows runs sqDistRows with the unmasked pixels as sources over
// the mask's bounds (plus a one-pixel border: outside the frame counts as
// unmasked, so a hole touching the border is still thin there), handing
// emit each row of the bounds only. It reports false when nothing is
// masked.
func (m *Mask) keepDistRows(emit func(y, x0 int, row []int64)) bool {
	b := m.Bounds()
	if b.Empty() {
		return false
	}
	win := b.Inset(-1)
	sqDistRows(win, sources{m: m, value: 0, outside: true}, func(y int, row []int64) {
		if y >= b.Min.Y && y < b.Max.Y {
			emit(y, b.Min.X, row[b.Min.X-win.Min.X:b.Max.X-win.Min.X])
		}
	})
	return true
}

// SqDistToKeep returns, for every pixel, the squared distance to the nearest
// unmasked pixel (0 for unmasked pixels). Outside the frame counts as
// unmasked, so a hole touching the border is still thin there.
func (m *Mask) SqDistToKeep() []int64 {
	out := make([]int64, m.W*m.H)
	m.keepDistRows(func(y, x0 int, row []int64) {
		copy(out[y*m.W+x0:], row)
	})
	return out
}

// MaxSqDistToKeep is the largest value of SqDistToKeep: the squared radius
// of the widest disc that fits in the mask.
func (m *Mask) MaxSqDistToKeep() int64 {
	var best int64
	m.keepDistRows(func(_, _ int, row []int64) {
		for _, d := range row {
			best = max(best, d)
		}
	})
	return best
}
