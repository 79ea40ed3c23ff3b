package blazeface

import (
	"testing"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func benchDetect(b *testing.B, opts Options) {
	opts.ModelsDir = detecttest.ModelsDir(b)
	d, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	img := detecttest.BenchFrame(b)
	detecttest.BenchLoop(b, func() error { _, err := d.Detect(img); return err })
	b.ReportMetric(float64(len(d.tiles(1920, 1080))), "tiles/op")
}

func BenchmarkDetect1080p(b *testing.B)      { benchDetect(b, Options{}) }
func BenchmarkDetect1080pFront(b *testing.B) { benchDetect(b, Options{ModelFile: FrontModelFile}) }

// BenchmarkModelRun is one network evaluation (one tile).
func BenchmarkModelRun(b *testing.B) {
	m, err := LoadModel(detecttest.ModelsDir(b), BackModelFile)
	if err != nil {
		b.Fatal(err)
	}
	tile := make([]float32, m.Size()*m.Size()*3)
	detecttest.BenchLoop(b, func() error { _, err := m.Run(tile, m.Size(), m.Size(), 0.5); return err })
}
