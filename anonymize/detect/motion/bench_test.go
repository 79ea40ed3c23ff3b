package motion

import (
	"image"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func BenchmarkDetect1080p(b *testing.B) {
	img := detecttest.BenchFrame(b)
	// A flat grey plate: every person in the frame is foreground, the
	// worst case for component labelling.
	bg := image.NewRGBA(img.Bounds())
	for i := range bg.Pix {
		bg.Pix[i] = 128
	}
	d, err := New([]*image.RGBA{bg}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	detecttest.BenchLoop(b, func() error { _, err := d.Detect(img); return err })
}
