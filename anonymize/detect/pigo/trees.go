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
// to the window's centre pixel: node n compares pixels [n][0] and [n][1].
type nodeOffsets [treeLeaves][2]int32

// resolve computes tree tr's node offsets for windows of side size in a
// plane of the given stride into o: node code c at scale s is the integer
// offset (c*s)>>8, the same floor pigo computes as
// ((256*centre + c*s) >> 8) - centre.
func (t *trees) resolve(o *nodeOffsets, tr, size, stride int) {
	for n := 1; n < treeLeaves; n++ {
		c := t.codes[tr][n]
		r1, c1 := (int(c[0])*size)>>8, (int(c[1])*size)>>8
		r2, c2 := (int(c[2])*size)>>8, (int(c[3])*size)>>8
		o[n] = [2]int32{int32(r1*stride + c1), int32(r2*stride + c2)}
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
	n := &o[idx&(treeLeaves-1)]
	d := int32(*(*uint8)(unsafe.Add(p, n[1]))) - int32(*(*uint8)(unsafe.Add(p, n[0]))) // sign bit set when pixel 1 > pixel 2
	return 2*idx + int(^d>>31&1)
}

// hit is a window the cascade accepts: centre (row, col), side, score.
type hit struct {
	row, col, size int
	q              float32
}

// scan classifies every window of side size whose centre lies at least
// size/2+1 pixels inside the plane, stepping max(1, shift*size) pixels,
// and returns those scoring above zero, in row-major order. A non-nil
// focus limits the windows to those it keeps.
//
// Each window's score is pigo's: the trees' leaf values added in tree
// order (float32), rejected as soon as the running sum falls to a tree's
// threshold, minus the last threshold at the end. The windows of one row
// are evaluated breadth first: every live window through one tree, then
// the survivors are compacted (in order) for the next. The loop bodies
// are independent and branch-free, which keeps the processor busy where
// one window at a time would stall on each comparison.
//
// offs is scratch memory for the node offsets, one entry per tree (its
// contents are overwritten). A tree's offsets are resolved when a window
// first reaches it: most windows fall out within a few trees, and at some
// sizes none reaches the last ones.
func (t *trees) scan(pix []uint8, w, h, size int, shift float64, f *focus, offs []nodeOffsets) []hit {
	step := int(math.Max(float64(shift*float64(size)), 1))
	margin := size/2 + 1
	offs = offs[:len(t.codes)]
	resolved := 0
	var hits []hit
	var cols []int32
	for col := margin; col <= w-margin; col += step {
		cols = append(cols, int32(col))
	}
	live := make([]int32, len(cols)) // indices into cols
	sums := make([]float32, len(cols))
	for row := margin; row <= h-margin; row += step {
		n := f.windows(row, size, cols, live)
		for _, i := range live[:n] {
			sums[i] = 0
		}
		rowStart := unsafe.Pointer(&pix[row*w])
		for tr := range offs {
			if tr == resolved {
				t.resolve(&offs[tr], tr, size, w)
				resolved++
			}
			o, leaves, th := &offs[tr], &t.leaves[tr], t.thresh[tr]
			kept := 0
			for _, i := range live[:n] {
				// The six levels spelled out (treeDepth is 6): a
				// function call here costs its spills, a loop its
				// counter.
				p := unsafe.Add(rowStart, cols[i])
				idx := descend(p, o, 1)
				idx = descend(p, o, idx)
				idx = descend(p, o, idx)
				idx = descend(p, o, idx)
				idx = descend(p, o, idx)
				idx = descend(p, o, idx)
				sum := sums[i] + leaves[idx&(treeLeaves-1)]
				sums[i] = sum
				live[kept] = i
				if sum > th {
					kept++
				}
			}
			if n = kept; n == 0 {
				break
			}
		}
		last := t.thresh[len(t.thresh)-1]
		for _, i := range live[:n] {
			hits = append(hits, hit{row: row, col: int(cols[i]), size: size, q: sums[i] - last})
		}
	}
	return hits
}
