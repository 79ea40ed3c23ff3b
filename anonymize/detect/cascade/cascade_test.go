package cascade

import (
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/detect/raster"
)

func TestParseBothFormatsAgree(t *testing.T) {
	a, err := Parse(strings.NewReader(newFormatXML))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(strings.NewReader(oldFormatXML))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("formats differ:\nnew %+v\nold %+v", a, b)
	}
	want := Tree{Nodes: []Node{{Feature: 0, Threshold: 0.1, Left: 0, Right: -1}}, Leaves: []float32{-1, 1}}
	if a.W != 4 || a.H != 4 || !reflect.DeepEqual(a.Stages[0].Trees[0], want) {
		t.Fatalf("parsed %+v", a)
	}
}

func TestParseRejectsMalformed(t *testing.T) {
	cases := map[string]string{
		"not xml":           "this is not xml",
		"unclosed":          "<opencv_storage><cascade>",
		"lbp":               strings.Replace(newFormatXML, "<featureType>HAAR", "<featureType>LBP", 1),
		"no stages":         strings.Replace(newFormatXML, "<stages>", "<stagez>", 1),
		"feature out":       strings.Replace(newFormatXML, "0 -1 0 0.1", "0 -1 7 0.1", 1),
		"rect outside":      strings.Replace(newFormatXML, "0 2 4 2 2.", "0 3 4 2 2.", 1),
		"node loop":         strings.Replace(newFormatXML, "0 -1 0 0.1", "1 -1 0 0.1", 1),
		"bad number":        strings.Replace(newFormatXML, "<stageThreshold>0.5", "<stageThreshold>half", 1),
		"old missing leaf":  strings.Replace(oldFormatXML, "<left_val>-1.</left_val>", "", 1),
		"wrong root":        strings.Replace(newFormatXML, "opencv_storage", "storage", 2),
		"four rects":        strings.Replace(newFormatXML, "<_>0 2 4 2 2.</_>", "<_>0 2 4 2 2.</_><_>0 0 1 1 1.</_><_>0 0 1 1 1.</_><_>0 0 1 1 1.</_>", 1),
		"five-number rect?": strings.Replace(newFormatXML, "0 2 4 2 2.", "0 2 4 2", 1),
	}
	for name, xml := range cases {
		if _, err := Parse(strings.NewReader(xml)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestScanSyntheticCascade finds the one bright-below-dark patch of a
// synthetic image at the right place and scale.
func TestScanSyntheticCascade(t *testing.T) {
	c, err := Parse(strings.NewReader(newFormatXML))
	if err != nil {
		t.Fatal(err)
	}
	g := &raster.Gray{W: 64, H: 48, Pix: make([]uint8, 64*48)}
	for i := range g.Pix {
		g.Pix[i] = 100
	}
	target := image.Rect(20, 12, 36, 28) // 16x16: bottom half bright
	for y := target.Min.Y + 8; y < target.Max.Y; y++ {
		for x := target.Min.X; x < target.Max.X; x++ {
			g.Pix[y*g.W+x] = 250
		}
	}
	hits := c.Scan(g, ScanParams{MinWidth: 12, ScaleFactor: 1.1, MinNeighbors: 2, GroupEps: 0.2})
	found := false
	for _, h := range hits {
		if box.IoU(box.FromRect(h.Rect), box.FromRect(target)) > 0.5 {
			found = true
		}
	}
	if !found {
		t.Fatalf("no hit near %v: %v", target, hits)
	}
}

// TestTiltedTable checks the O(1)-per-cell tilted table, and the upright
// and squared sums, against their definitions, summed pixel by pixel.
func TestTiltedTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{9, 7}, {1, 1}, {1, 5}, {2, 3}, {5, 1}, {31, 17}} {
		w, h := sz[0], sz[1]
		pix := make([]uint8, w*h)
		for i := range pix {
			pix[i] = uint8(rng.IntN(256))
		}
		in := newIntegral(pix, w, h, true)
		for Y := 0; Y <= h; Y++ {
			for X := 0; X <= w; X++ {
				var want int32
				for y := range Y {
					for x := range w {
						if d := x - X + 1; d <= Y-1-y && -d <= Y-1-y {
							want += int32(pix[y*w+x])
						}
					}
				}
				if got := in.tilted[Y*(w+1)+X]; got != want {
					t.Fatalf("%dx%d: tilted(%d,%d) = %d, want %d", w, h, X, Y, got, want)
				}
				var sum int32
				var sq float64
				for y := range Y {
					for x := range X {
						p := int(pix[y*w+x])
						sum += int32(p)
						sq += float64(p * p)
					}
				}
				if got := in.sum[Y*(w+1)+X]; got != sum {
					t.Fatalf("%dx%d: sum(%d,%d) = %d, want %d", w, h, X, Y, got, sum)
				}
				if got := in.sq[Y*(w+1)+X]; got != sq {
					t.Fatalf("%dx%d: sq(%d,%d) = %v, want %v", w, h, X, Y, got, sq)
				}
			}
		}
		if w >= 4 && h >= 6 {
			if got, want := in.rectSum(1, 2, 3, 4), bruteSum(pix, w, 1, 2, 3, 4); got != want {
				t.Fatalf("rectSum %d, want %d", got, want)
			}
		}
	}
}

func bruteSum(pix []uint8, stride, x0, y0, w, h int) int32 {
	var s int32
	for y := y0; y < y0+h; y++ {
		for x := x0; x < x0+w; x++ {
			s += int32(pix[y*stride+x])
		}
	}
	return s
}

func TestGroupRects(t *testing.T) {
	hits := []image.Rectangle{
		image.Rect(10, 10, 30, 30), image.Rect(11, 10, 31, 30), image.Rect(10, 11, 30, 31), image.Rect(12, 12, 32, 32),
		image.Rect(100, 100, 120, 120), // alone: dropped with minNeighbors 1
	}
	rects, support := groupRects(hits, 1, 0.2)
	if len(rects) != 1 || support[0] != 4 || rects[0] != image.Rect(10, 10, 30, 30) {
		t.Fatalf("got %v %v", rects, support)
	}
}

// TestFullBodyOnVtest runs the real full-body cascade on a vtest frame and
// expects the walking person at (499,157)-(531,233) to be covered.
func TestFullBodyOnVtest(t *testing.T) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(t), File: "opencv/haarcascade_fullbody.xml", Class: anonymize.ClassPerson})
	if err != nil {
		t.Fatal(err)
	}
	img := detecttest.Load(t, filepath.Join(detecttest.EvalDir(), "vtest", "vtest_0000.jpg"))
	regions, err := d.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	person := box.FromRect(image.Rect(499, 157, 531, 233))
	for _, r := range regions {
		if r.Class == anonymize.ClassPerson && person.Intersect(box.FromRect(r.Box)).Area() >= 0.9*person.Area() {
			return
		}
	}
	t.Fatalf("person %v not covered by %v", person, regions)
}

func TestNewRejectsWrongModel(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "opencv"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "opencv", "haarcascade_fullbody.xml"), []byte(newFormatXML), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(Options{ModelsDir: dir, File: "opencv/haarcascade_fullbody.xml", Class: anonymize.ClassPerson})
	if err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("want a SHA-256 mismatch error, got %v", err)
	}
}

func TestDetectNear(t *testing.T) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(t), File: "opencv/haarcascade_fullbody.xml", Class: anonymize.ClassPerson})
	if err != nil {
		t.Fatal(err)
	}
	detecttest.CheckNear(t, d, detecttest.Load(t, filepath.Join(detecttest.EvalDir(), "vtest", "vtest_0400.jpg")))
}
