package mask

import (
	"image"
	"testing"
)

// benchMask is a 1080p frame with a few person- and face-sized boxes, about
// a tenth of it masked: the pipeline's usual load.
func benchMask() *Mask {
	m := New(1920, 1080)
	for k := 0; k < 6; k++ {
		m.FillRect(image.Rect(150+k*290, 300+k*40, 270+k*290, 660+k*40))
		m.FillRect(image.Rect(180+k*290, 100, 260+k*290, 180))
	}
	return m
}

// BenchmarkMorphology1080p is the pipeline's mask step: close, then dilate.
func BenchmarkMorphology1080p(b *testing.B) {
	m := benchMask()
	for b.Loop() {
		m.Close(3).Dilate(15)
	}
}

// BenchmarkComponents1080p labels the holes and measures their width.
func BenchmarkComponents1080p(b *testing.B) {
	m := benchMask().Dilate(15)
	for b.Loop() {
		m.Components()
	}
}
