package motion

import (
	"image"
	"image/color"
	"testing"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
)

// frame draws a textured background with a dark upright "person" and a
// wide "vehicle" at positions that move with t.
func frame(t int) (*image.RGBA, image.Rectangle, image.Rectangle) {
	img := image.NewRGBA(image.Rect(0, 0, 160, 120))
	for y := range 120 {
		for x := range 160 {
			img.SetRGBA(x, y, color.RGBA{uint8(100 + (x*7+y*3)%40), 150, 120, 255})
		}
	}
	person := image.Rect(10+6*t, 30, 22+6*t, 70)
	vehicle := image.Rect(150-8*t-40, 85, 150-8*t, 105)
	fill := func(r image.Rectangle, c color.RGBA) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(person, color.RGBA{20, 20, 30, 255})
	fill(vehicle, color.RGBA{240, 240, 250, 255})
	return img, person, vehicle
}

func TestMovingRectangles(t *testing.T) {
	var frames []*image.RGBA
	for i := range 12 {
		f, _, _ := frame(i)
		frames = append(frames, f)
	}
	d, err := New(frames, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The median plate has neither object: each spends under half the
	// frames at any pixel.
	clean, _, _ := frame(0)
	bg := d.Background()
	if got, want := bg.RGBAAt(5, 5), clean.RGBAAt(5, 5); got != want {
		t.Fatalf("background %v, want %v", got, want)
	}
	img, person, vehicle := frame(5)
	regions, err := d.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	find := func(class anonymize.Class, want image.Rectangle) {
		for _, r := range regions {
			if r.Class == class && box.IoU(box.FromRect(r.Box), box.FromRect(want)) > 0.7 && r.Mask != nil && r.Mask.Bounds() == r.Box {
				return
			}
		}
		t.Errorf("no %s region near %v in %+v", class, want, regions)
	}
	find(anonymize.ClassPerson, person)
	find(anonymize.ClassVehicle, vehicle)
	if len(regions) != 2 {
		t.Errorf("want 2 regions, got %d", len(regions))
	}
}

func TestRejectsMismatchedFrames(t *testing.T) {
	if _, err := New(nil, Options{}); err == nil {
		t.Error("accepted no frames")
	}
	a := image.NewRGBA(image.Rect(0, 0, 10, 10))
	b := image.NewRGBA(image.Rect(0, 0, 12, 10))
	if _, err := New([]*image.RGBA{a, b}, Options{}); err == nil {
		t.Error("accepted frames of different sizes")
	}
	d, err := New([]*image.RGBA{a}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Detect(b); err == nil {
		t.Error("accepted a frame of another size")
	}
}
