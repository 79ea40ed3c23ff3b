package cascade

import (
	"testing"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func benchCascade(b *testing.B, file string, class anonymize.Class) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(b), File: file, Class: class})
	if err != nil {
		b.Fatal(err)
	}
	img := detecttest.BenchFrame(b)
	detecttest.BenchLoop(b, func() error { _, err := d.Detect(img); return err })
}

func BenchmarkDetect1080pFullBody(b *testing.B) {
	benchCascade(b, "opencv/haarcascade_fullbody.xml", anonymize.ClassPerson)
}

func BenchmarkDetect1080pUpperBody(b *testing.B) {
	benchCascade(b, "opencv/haarcascade_upperbody.xml", anonymize.ClassPerson)
}

func BenchmarkDetect1080pPlate(b *testing.B) {
	benchCascade(b, "opencv/haarcascade_russian_plate_number.xml", anonymize.ClassPlate)
}

func BenchmarkDetect1080pPlate16(b *testing.B) {
	benchCascade(b, "opencv/haarcascade_licence_plate_rus_16stages.xml", anonymize.ClassPlate)
}

// BenchmarkDetect1080pFullBodyAndPlate is the thorough profile's two
// cascades on one frame, sharing their levels as detect.Default has them.
func BenchmarkDetect1080pFullBodyAndPlate(b *testing.B) {
	p := NewPyramid()
	var dets []*Detector
	for _, o := range []Options{
		{File: "opencv/haarcascade_fullbody.xml", Class: anonymize.ClassPerson},
		{File: "opencv/haarcascade_russian_plate_number.xml", Class: anonymize.ClassPlate},
	} {
		o.ModelsDir, o.Pyramid = detecttest.ModelsDir(b), p
		d, err := New(o)
		if err != nil {
			b.Fatal(err)
		}
		dets = append(dets, d)
	}
	img := detecttest.BenchFrame(b)
	detecttest.BenchLoop(b, func() error {
		for _, d := range dets {
			if _, err := d.Detect(img); err != nil {
				return err
			}
		}
		return nil
	})
}
