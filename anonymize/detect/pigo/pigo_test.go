package pigo

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

// The face in pigo's testdata/sample.jpg, labelled by hand.
var sampleFace = image.Rect(55, 125, 265, 340)

func TestFindsSampleFace(t *testing.T) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	regions, err := d.Detect(detecttest.PigoSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 1 {
		t.Fatalf("want one face, got %v", regions)
	}
	if iou := box.IoU(box.FromRect(regions[0].Box), box.FromRect(sampleFace)); iou < 0.5 {
		t.Fatalf("face %v has IoU %.2f with %v", regions[0].Box, iou, sampleFace)
	}
	if d.ModelHash() == "" || !strings.HasPrefix(d.ID(), "pigo-facefinder") {
		t.Errorf("ID %q, hash %q", d.ID(), d.ModelHash())
	}
}

func TestDetectIsDeterministic(t *testing.T) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	img := detecttest.PigoSample(t)
	a, _ := d.Detect(img)
	b, _ := d.Detect(img)
	if len(a) != len(b) {
		t.Fatalf("%v then %v", a, b)
	}
	for i := range a {
		if a[i].Box != b[i].Box || a[i].Score != b[i].Score {
			t.Fatalf("%v then %v", a, b)
		}
	}
}

func TestNewRejectsWrongCascade(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "pigo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CascadeFile), []byte("not a cascade"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{ModelsDir: dir}); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("want SHA-256 mismatch, got %v", err)
	}
	if _, err := New(Options{ModelsDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Fatalf("want a missing-file error pointing at make setup, got %v", err)
	}
	if _, err := New(Options{ModelsDir: dir, ScaleFactor: 0.9}); err == nil {
		t.Fatal("accepted ScaleFactor 0.9")
	}
}

func TestDetectNear(t *testing.T) {
	d, err := New(Options{ModelsDir: detecttest.ModelsDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	detecttest.CheckNear(t, d, detecttest.Load(t, filepath.Join(detecttest.OpenCVData, "messi5.jpg")))
}
