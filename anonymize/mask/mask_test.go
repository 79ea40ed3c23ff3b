package mask

import (
	"bytes"
	"image"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// parse builds a mask from rows of '#' (masked) and '.' (kept).
func parse(rows ...string) *Mask {
	m := New(len(rows[0]), len(rows))
	for y, r := range rows {
		for x, c := range r {
			if c == '#' {
				m.Pix[y*m.W+x] = 1
			}
		}
	}
	return m
}

func (m *Mask) String() string {
	var b strings.Builder
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			if m.At(x, y) {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func expect(t *testing.T, what string, got, want *Mask) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s:\ngot\n%swant\n%s", what, got, want)
	}
}

func TestDilateDisc(t *testing.T) {
	m := parse(
		".......",
		".......",
		".......",
		"...#...",
		".......",
		".......",
		".......")
	expect(t, "dilate 1", m.Dilate(1), parse(
		".......",
		".......",
		"...#...",
		"..###..",
		"...#...",
		".......",
		"......."))
	expect(t, "dilate 2", m.Dilate(2), parse(
		".......",
		"...#...",
		"..###..",
		".#####.",
		"..###..",
		"...#...",
		"......."))
	expect(t, "dilate 3", m.Dilate(3), parse(
		"...#...",
		".#####.",
		".#####.",
		"#######",
		".#####.",
		".#####.",
		"...#..."))
}

func TestErodeKeepsBorderAndRemovesThin(t *testing.T) {
	m := parse(
		"####....",
		"####..#.",
		"####..#.",
		"####..#.",
		"........")
	expect(t, "erode 1", m.Erode(1), parse(
		"###.....",
		"###.....",
		"###.....",
		"........",
		"........"))
}

func TestOpenRemovesSpecksCloseFillsGaps(t *testing.T) {
	m := parse(
		"..........",
		".####.....",
		".####...#.",
		".####.....",
		".####.....",
		"..........")
	expect(t, "open 1", m.Open(1), parse(
		"..........",
		"..##......",
		".####.....",
		".####.....",
		"..##......",
		".........."))
	// The plus-shaped disc of radius 1 bridges the gap only where both
	// sides are flanked vertically too; outside the frame counts as masked,
	// so the row also reaches the left border.
	gap := parse(
		"..........",
		"..........",
		".###.###..",
		".###.###..",
		".###.###..",
		"..........",
		"..........")
	expect(t, "close 1", gap.Close(1), parse(
		"..........",
		"..........",
		".###.###..",
		"########..",
		".###.###..",
		"..........",
		".........."))
}

// TestMorphologyMatchesBruteForce compares Dilate and Erode with the
// disc's definition on random specks and on random boxes (rows that
// repeat, which spread reuses; boxes touching the frame's edges), for
// radii up to 12.
func TestMorphologyMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 80; trial++ {
		m := New(20+rng.IntN(50), 15+rng.IntN(50))
		if trial%2 == 0 {
			for i := range m.Pix {
				if rng.IntN(8) == 0 {
					m.Pix[i] = 1
				}
			}
		} else {
			for range 1 + rng.IntN(5) {
				x, y := rng.IntN(m.W), rng.IntN(m.H)
				m.FillRect(image.Rect(x, y, x+1+rng.IntN(m.W/2), y+1+rng.IntN(m.H/2)))
			}
		}
		r := rng.IntN(5)
		if trial%3 == 0 {
			r = rng.IntN(13)
		}
		want := New(m.W, m.H)
		wantE := New(m.W, m.H)
		for y := 0; y < m.H; y++ {
			for x := 0; x < m.W; x++ {
				hit, all := false, true
				for dy := -r; dy <= r; dy++ {
					for dx := -r; dx <= r; dx++ {
						if dx*dx+dy*dy > r*r {
							continue
						}
						nx, ny := x+dx, y+dy
						in := nx >= 0 && ny >= 0 && nx < m.W && ny < m.H
						if in && m.At(nx, ny) {
							hit = true
						}
						if in && !m.At(nx, ny) {
							all = false
						}
					}
				}
				if hit {
					want.Pix[y*m.W+x] = 1
				}
				if all && m.At(x, y) {
					wantE.Pix[y*m.W+x] = 1
				}
			}
		}
		expect(t, "dilate vs brute force", m.Dilate(r), want)
		expect(t, "erode vs brute force", m.Erode(r), wantE)
	}
}

func TestShadowPieSlice(t *testing.T) {
	m := parse(
		".........",
		"....#....",
		".........",
		".........",
		".........",
		".........")
	m.Shadow(image.Rect(4, 1, 5, 2), nil, 3)
	expect(t, "shadow reach 3", m, parse(
		".........",
		"....#....",
		"...###...",
		"..#####..",
		".#######.",
		"........."))
}

func TestComponents(t *testing.T) {
	m := parse(
		"##....#",
		"##...#.",
		"......#",
		"...#...")
	labels, comps := m.Components()
	if len(comps) != 3 {
		t.Fatalf("got %d components, want 3: %+v", len(comps), comps)
	}
	if comps[0].Area != 4 || comps[1].Area != 3 || comps[2].Area != 1 {
		t.Fatalf("areas %+v", comps)
	}
	if comps[1].Bounds != image.Rect(5, 0, 7, 3) {
		t.Fatalf("bounds of diagonal component %v", comps[1].Bounds)
	}
	if labels[6] != 2 || labels[3*7+3] != 3 {
		t.Fatalf("labels %v", labels)
	}
	// 2x2 block in a corner: every pixel touches an unmasked or outside pixel.
	if comps[0].MaxSqDist != 1 {
		t.Fatalf("corner block MaxSqDist %d, want 1", comps[0].MaxSqDist)
	}
}

func TestRLERoundTripAndCanonical(t *testing.T) {
	m := parse(
		"#..##",
		"#####",
		".....")
	enc := EncodeRLE(m)
	// runs: 0 unmasked, 1 masked, 2 unmasked, 7 masked, 5 unmasked
	want := append([]byte(RLEMagic), 5, 3, 5, 0, 1, 2, 7, 5)
	if !bytes.Equal(enc, want) {
		t.Fatalf("EncodeRLE = %v, want %v", enc, want)
	}
	got, err := DecodeRLE(enc)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "round trip", got, m)
	if Hash(m) != HashRLE(enc) || len(Hash(m)) != 64 {
		t.Fatalf("hash mismatch")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 50; trial++ {
		r := New(1+rng.IntN(40), 1+rng.IntN(40))
		for i := range r.Pix {
			r.Pix[i] = uint8(rng.IntN(2))
		}
		back, err := DecodeRLE(EncodeRLE(r))
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "random round trip", back, r)
	}
}

func TestRLERejectsNonCanonical(t *testing.T) {
	base := []byte(RLEMagic)
	cases := map[string][]byte{
		"no magic":         {5, 3, 5, 0, 1, 2, 7, 5},
		"empty run":        append(append([]byte{}, base...), 2, 1, 3, 1, 0, 1),
		"short":            append(append([]byte{}, base...), 2, 1, 2, 1),
		"long":             append(append([]byte{}, base...), 2, 1, 1, 3),
		"trailing":         append(append([]byte{}, base...), 2, 1, 1, 2, 9),
		"zero width":       append(append([]byte{}, base...), 0, 1, 1, 0),
		"padded varint":    append(append([]byte{}, base...), 2, 1, 1, 0x82, 0x00),
		"huge frame":       append(append([]byte{}, base...), 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0x0f, 1, 0),
		"truncated varint": append(append([]byte{}, base...), 2, 1, 1, 0x82),
	}
	for name, b := range cases {
		if _, err := DecodeRLE(b); err == nil {
			t.Errorf("%s: DecodeRLE accepted %v", name, b)
		}
	}
}

// floodComponents is the definition Components must meet: 8-connected
// flood fill from each unlabelled masked pixel in raster order.
func floodComponents(m *Mask) ([]int32, []Component) {
	labels := make([]int32, len(m.Pix))
	var comps []Component
	for start, v := range m.Pix {
		if v == 0 || labels[start] != 0 {
			continue
		}
		c := Component{Label: len(comps) + 1}
		labels[start] = int32(c.Label)
		stack := []int{start}
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%m.W, i/m.W
			c.Area++
			c.Bounds = c.Bounds.Union(image.Rect(x, y, x+1, y+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if nx, ny := x+dx, y+dy; m.At(nx, ny) && labels[ny*m.W+nx] == 0 {
						labels[ny*m.W+nx] = int32(c.Label)
						stack = append(stack, ny*m.W+nx)
					}
				}
			}
		}
		comps = append(comps, c)
	}
	d := m.SqDistToKeep()
	for i, l := range labels {
		if l != 0 {
			comps[l-1].MaxSqDist = max(comps[l-1].MaxSqDist, d[i])
		}
	}
	return labels, comps
}

func TestComponentsMatchFloodFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		m := New(1+rng.IntN(40), 1+rng.IntN(30))
		density := 1 + rng.IntN(6)
		for i := range m.Pix {
			if rng.IntN(8) < density {
				m.Pix[i] = 1
			}
		}
		labels, comps := m.Components()
		wantLabels, wantComps := floodComponents(m)
		if !slices.Equal(labels, wantLabels) || !slices.Equal(comps, wantComps) {
			t.Fatalf("trial %d (%dx%d): components differ from flood fill\n%v\n%+v\nwant\n%v\n%+v", trial, m.W, m.H, labels, comps, wantLabels, wantComps)
		}
		if got, want := m.MaxSqDistToKeep(), slices.Max(append(m.SqDistToKeep(), 0)); got != want {
			t.Fatalf("trial %d: MaxSqDistToKeep %d, want %d", trial, got, want)
		}
	}
}

// TestSqDistToKeepMatchesBruteForce compares the distance transform with
// the nearest unmasked pixel found by search (outside the frame counting
// as unmasked), on random specks and boxes.
func TestSqDistToKeepMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for trial := range 60 {
		m := New(1+rng.IntN(45), 1+rng.IntN(35))
		if trial%2 == 0 {
			for i := range m.Pix {
				if rng.IntN(8) < 6 {
					m.Pix[i] = 1
				}
			}
		} else {
			for range 1 + rng.IntN(4) {
				x, y := rng.IntN(m.W), rng.IntN(m.H)
				m.FillRect(image.Rect(x, y, x+1+rng.IntN(m.W), y+1+rng.IntN(m.H)))
			}
		}
		got := m.SqDistToKeep()
		for y := range m.H {
			for x := range m.W {
				want := int64(0)
				if m.At(x, y) {
					e := int64(min(x+1, y+1, m.W-x, m.H-y))
					want = e * e
					for qy := range m.H {
						for qx := range m.W {
							if !m.At(qx, qy) {
								dx, dy := int64(qx-x), int64(qy-y)
								want = min(want, dx*dx+dy*dy)
							}
						}
					}
				}
				if got[y*m.W+x] != want {
					t.Fatalf("trial %d (%dx%d): (%d,%d) at %d, want %d", trial, m.W, m.H, x, y, got[y*m.W+x], want)
				}
			}
		}
	}
}
