package pigo

import (
	"testing"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func BenchmarkDetect1080p(b *testing.B) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(b)})
	if err != nil {
		b.Fatal(err)
	}
	img := detecttest.BenchFrame(b)
	detecttest.BenchLoop(b, func() error { _, err := d.Detect(img); return err })
}
