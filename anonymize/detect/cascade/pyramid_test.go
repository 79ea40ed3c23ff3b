package cascade

import (
	"image"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

// TestSharedPyramidSameRegions runs the full-body and plate cascades with
// one shared Pyramid and with private levels over a sequence of images
// (the second a changed copy of the first, in the same buffer) and
// expects the same regions every time, and levels actually shared.
func TestSharedPyramidSameRegions(t *testing.T) {
	dir := detecttest.ModelsDir(t)
	shared := NewPyramid()
	build := func(file string, class anonymize.Class, p *Pyramid) *Detector {
		d, err := New(Options{ModelsDir: dir, File: "opencv/" + file, Class: class, Pyramid: p})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	pairs := [][2]*Detector{
		{build("haarcascade_fullbody.xml", anonymize.ClassPerson, shared), build("haarcascade_fullbody.xml", anonymize.ClassPerson, nil)},
		{build("haarcascade_russian_plate_number.xml", anonymize.ClassPlate, shared), build("haarcascade_russian_plate_number.xml", anonymize.ClassPlate, nil)},
	}
	img := detecttest.Load(t, filepath.Join(detecttest.EvalDir(), "vtest", "vtest_0560.jpg"))
	other := detecttest.Load(t, filepath.Join(detecttest.EvalDir(), "vtest", "vtest_0000.jpg"))
	found := 0
	for step := range 3 {
		switch step {
		case 1: // the same *image.RGBA with other pixels: nothing stale may be reused
			copy(img.Pix, other.Pix)
		case 2: // a crop, another size
			img = img.SubImage(image.Rect(100, 50, 500, 400)).(*image.RGBA)
		}
		var first *levels
		for _, pair := range pairs {
			got, err := pair[0].Detect(img)
			if err != nil {
				t.Fatal(err)
			}
			want, err := pair[1].Detect(img)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("step %d, %s: shared pyramid %v, private %v", step, pair[0].ID(), got, want)
			}
			found += len(got)
			if first == nil {
				first = shared.last
			} else if shared.last != first {
				t.Errorf("step %d: %s did not reuse the levels of the same image", step, pair[0].ID())
			}
		}
	}
	if found == 0 {
		t.Error("no region found: the comparison proves nothing")
	}
	// A cascade scanning the same image again makes its levels again.
	fb := pairs[0][0]
	if _, err := fb.Detect(img); err != nil {
		t.Fatal(err)
	}
	first := shared.last
	if _, err := fb.Detect(img); err != nil {
		t.Fatal(err)
	}
	if shared.last == first {
		t.Error("a second scan of the same image by the same cascade reused its levels")
	}
}
