package pigo

import (
	"encoding/binary"
	"fmt"
	"math"
	"unsafe"
)

// treeDepth is the depth of every tree in pigo's facefinder; the scanner
// is written for it (fixed-size arrays, no bounds checks in the inner
// loop), and other depths are refused.
const (
	treeDepth  = 6
	treeLeaves = 1 << treeDepth
)

// trees is a pigo cascade file: a sequence of binary decision trees of
// depth treeDepth. Each inner node compares two pixels at positions given
// relative to the window's centre in 1/256ths of the window size; each
// tree adds its leaf's value to the window's score, and the window is
// rejected as soon as the running score falls to the tree's threshold.
type trees struct {
	codes  [][treeLeaves][4]int8 // per tree, per node in heap order from node 1 (row1, col1, row2, col2)
	leaves [][treeLeaves]float32
	thresh []float32
}

// parseTrees reads the binary cascade format: 8 bytes of header that are
// not used, depth and tree count as little-endian uint32, then per tree
// 4*(2^depth - 1) signed node codes, 2^depth float32 leaf values and a
// float32 threshold.
func parseTrees(b []byte) (*trees, error) {
	if len(b) < 16 {
		return nil, fmt.Errorf("cascade of %d bytes is too short", len(b))
	}
	depth := binary.LittleEndian.Uint32(b[8:])
	count := binary.LittleEndian.Uint32(b[12:])
	if depth != treeDepth {
		return nil, fmt.Errorf("tree depth %d, want %d (facefinder's)", depth, treeDepth)
	}
	const per = 4*(treeLeaves-1) + 4*treeLeaves + 4
	if count == 0 || uint64(count)*per != uint64(len(b)-16) {
		return nil, fmt.Errorf("%d trees need %d bytes after the header, have %d", count, uint64(count)*per, len(b)-16)
	}
	t := &trees{codes: make([][treeLeaves][4]int8, count), leaves: make([][treeLeaves]float32, count), thresh: make([]float32, count)}
	pos := 16
	for tr := range t.codes {
		for n := 1; n < treeLeaves; n++ {
			for k := range 4 {
				t.codes[tr][n][k] = int8(b[pos])
				pos++
			}
		}
		for l := range treeLeaves {
			t.leaves[tr][l] = math.Float32frombits(binary.LittleEndian.Uint32(b[pos:]))
			pos += 4
		}
		t.thresh[tr] = math.Float32frombits(binary.LittleEndian.Uint32(b[pos:]))
		pos += 4
	}
	return t, nil
}

// nodeOffsets are one tree's pixel positions for one window size, relative
// to the window's centre pixel: node n compares pixels [0][n] and [1][n].
// (Two arrays rather than pairs: the vector kernel looks up eight nodes'
// first offsets with one permutation.)
type nodeOffsets [2][treeLeaves]int32

// resolve computes tree tr's node offsets for windows of side size in a
// plane of the given stride into o: node code c at scale s is the integer
// offset (c*s)>>8, the same floor pigo computes as
// ((256*centre + c*s) >> 8) - centre.
func (t *trees) resolve(o *nodeOffsets, tr, size, stride int) {
	for n := 1; n < treeLeaves; n++ {
		c := t.codes[tr][n]
		r1, c1 := (int(c[0])*size)>>8, (int(c[1])*size)>>8
		r2, c2 := (int(c[2])*size)>>8, (int(c[3])*size)>>8
		o[0][n], o[1][n] = int32(r1*stride+c1), int32(r2*stride+c2)
	}
}

// descend takes one level down from node idx for the window whose centre
// pixel p points at: to 2*idx+1 when pixel 1 <= pixel 2, else 2*idx.
// Branch-free: the outcome is unpredictable, and a mispredicted branch
// costs more than the arithmetic.
//
// The pixel reads are not bounds-checked: they are the innermost work of
// the whole detector, and a check per read cost a fifth of its time. They
// stay inside the plane because scan only centres windows of side size at
// least size/2+1 pixels inside it, and a node code c (an int8) puts a
// pixel (c*size)>>8 rows or columns from the centre: at least
// (-128*size)>>8 >= -(size/2+1) and at most (127*size)>>8 <= size/2
// (TestScanMatchesPigo compares every window's score with pigo's own,
// bounds-checked, code at every size).
func descend(p unsafe.Pointer, o *nodeOffsets, idx int) int {
	n := idx & (treeLeaves - 1)
	d := int32(*(*uint8)(unsafe.Add(p, o[1][n]))) - int32(*(*uint8)(unsafe.Add(p, o[0][n]))) // sign bit set when pixel 1 > pixel 2
	return 2*idx + int(^d>>31&1)
}

// treeStep runs one tree on the live windows of one size: pos holds
// their centre pixels' offsets from base (row*stride + col), sums their
// running scores (same length). Each window's leaf value is added to its
// score, and the windows whose score stays above th are moved, in order,
// to the front of pos and sums; it returns how many.
type treeStep func(base unsafe.Pointer, pos []int32, sums []float32, o *nodeOffsets, leaves *[treeLeaves]float32, th float32) int

// stepKernel is the vector treeStep where the CPU has one (it needs
// stepPad entries of capacity past len(pos) and len(sums), and 3 bytes
// readable past the plane's last pixel), else nil.
var stepKernel treeStep

// stepPad is the capacity a vector treeStep needs past the live windows.
const stepPad = 8

// treeStepGo is the portable treeStep. The loop bodies are independent
// and branch-free, which keeps the processor busy where one window at a
// time would stall on each comparison.
func treeStepGo(base unsafe.Pointer, pos []int32, sums []float32, o *nodeOffsets, leaves *[treeLeaves]float32, th float32) int {
	sums = sums[:len(pos)]
	kept := 0
	for k, c := range pos {
		// The six levels spelled out (treeDepth is 6): a function call
		// here costs its spills, a loop its counter.
		p := unsafe.Add(base, c)
		idx := descend(p, o, 1)
		idx = descend(p, o, idx)
		idx = descend(p, o, idx)
		idx = descend(p, o, idx)
		idx = descend(p, o, idx)
		idx = descend(p, o, idx)
		sum := sums[k] + leaves[idx&(treeLeaves-1)]
		pos[kept], sums[kept] = c, sum
		if sum > th {
			kept++
		}
	}
	return kept
}

// hit is a window the cascade accepts: centre (row, col), side, score.
type hit struct {
	row, col, size int
	q              float32
}

// scratch is memory a detection reuses from one window size to the next.
type scratch struct {
	offs []nodeOffsets // node offsets, one entry per tree
	pos  []int32       // the live windows' centres (row*w + col)
	sums []float32     // and their running scores
	cols []int32
}

// scan classifies every window of side size whose centre lies at least
// size/2+1 pixels inside the plane, stepping max(1, shift*size) pixels,
// and returns those scoring above zero, in row-major order. A non-nil
// focus limits the windows to those it keeps.
//
// Each window's score is pigo's: the trees' leaf values added in tree
// order (float32), rejected as soon as the running sum falls to a tree's
// threshold, minus the last threshold at the end. All windows of the size
// are evaluated breadth first: every live window through one tree, then
// the survivors are compacted (in order) for the next (treeStep; on amd64
// with AVX2 sixteen windows at a time, see tree_amd64.s).
//
// A tree's offsets are resolved when a window first reaches it: most
// windows fall out within a few trees, and at some sizes none reaches the
// last ones.
func (t *trees) scan(pix []uint8, w, h, size int, shift float64, f *focus, sc *scratch) []hit {
	step := int(math.Max(float64(shift*float64(size)), 1))
	margin := size/2 + 1
	if margin > w-margin || margin > h-margin {
		return nil
	}
	sc.offs = grow(sc.offs, len(t.codes))
	run := treeStepGo
	if stepKernel != nil {
		run = stepKernel
		if cap(pix) < len(pix)+3 { // the kernel reads 4 bytes per pixel
			pix = append(make([]uint8, 0, len(pix)+3), pix...)
		}
	}
	cols := sc.cols[:0]
	for col := margin; col <= w-margin; col += step {
		cols = append(cols, int32(col))
	}
	sc.cols = cols
	rows := (h-margin-margin)/step + 1
	sc.pos = grow(sc.pos, rows*len(cols)+stepPad)
	sc.sums = grow(sc.sums, rows*len(cols)+stepPad)
	n := 0
	for row := margin; row <= h-margin; row += step {
		k := f.windows(row, size, cols, sc.pos[n:])
		for i := range k {
			sc.pos[n+i] += int32(row * w)
		}
		n += k
	}
	clear(sc.sums[:n])
	base := unsafe.Pointer(&pix[0])
	for tr := range t.codes {
		if n == 0 {
			break
		}
		t.resolve(&sc.offs[tr], tr, size, w)
		n = run(base, sc.pos[:n], sc.sums[:n], &sc.offs[tr], &t.leaves[tr], t.thresh[tr])
	}
	last := t.thresh[len(t.thresh)-1]
	hits := make([]hit, n)
	for k := range n {
		p := int(sc.pos[k])
		hits[k] = hit{row: p / w, col: p % w, size: size, q: sc.sums[k] - last}
	}
	return hits
}

// grow returns s with length n, reallocating only when it is too short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
