package detecttest

import (
	"fmt"
	"image"
	"reflect"
	"testing"

	"github.com/msec-city/msec/anonymize"
)

// CheckNear checks what the pipeline's recheck relies on (see
// anonymize.NearDetector): searched near rectangles that hold objects,
// a detector finds exactly the detections touching them that a search of
// the whole image finds. The rectangles are the whole image's detections,
// whole and halved (an object half inside a hole), each set searched
// together; a rectangle covering the image must give Detect's result.
func CheckNear(t *testing.T, d anonymize.NearDetector, img *image.RGBA) {
	t.Helper()
	all, err := d.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no detection: the comparison proves nothing")
	}
	whole, err := d.DetectNear(img, []image.Rectangle{img.Bounds()})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole, all) {
		t.Fatalf("near the whole image: %v, Detect: %v", whole, all)
	}
	for _, half := range []func(r image.Rectangle) image.Rectangle{
		func(r image.Rectangle) image.Rectangle { return r },
		func(r image.Rectangle) image.Rectangle { r.Max.X = (r.Min.X + r.Max.X) / 2; return r },
		func(r image.Rectangle) image.Rectangle { r.Min.Y = (r.Min.Y + r.Max.Y) / 2; return r },
	} {
		var near []image.Rectangle
		for _, r := range all {
			near = append(near, half(r.Box))
		}
		got, err := d.DetectNear(img, near)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := touching(all, near), touching(got, near); !reflect.DeepEqual(a, b) {
			t.Errorf("near %v: %v, whole image: %v", near, b, a)
		}
	}
}

// touching lists the regions whose erased area overlaps a rectangle.
func touching(rs []anonymize.Region, near []image.Rectangle) []string {
	out := []string{}
	for _, r := range rs {
		for _, n := range near {
			if r.EraseBox().Overlaps(n) {
				out = append(out, fmt.Sprintf("%v %v", r.Box, r.Score))
				break
			}
		}
	}
	return out
}
