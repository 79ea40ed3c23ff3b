package blazeface

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func TestFindsSampleFace(t *testing.T) {
	for _, file := range []string{BackModelFile, FrontModelFile} {
		d, err := New(Options{ModelsDir: detecttest.ModelsDir(t), ModelFile: file})
		if err != nil {
			t.Fatal(err)
		}
		regions, err := d.Detect(detecttest.PigoSample(t))
		if err != nil {
			t.Fatal(err)
		}
		// The reported box is the network's face box; the erased area is
		// the face region (FaceRegionScale times that box), which must
		// hold the labelled face (brow to chin) and match it grown alike.
		face := box.FromRect(image.Rect(55, 125, 265, 340))
		head := face.Grow(FaceRegionScale).Intersect(box.FromRect(image.Rect(0, 0, 320, 400)))
		if len(regions) != 1 || regions[0].Score < DefaultScoreThreshold {
			t.Fatalf("%s: want one face, got %v", file, regions)
		}
		got, erased := box.FromRect(regions[0].Box), box.FromRect(regions[0].EraseBox())
		if !regions[0].Box.In(regions[0].Erase) {
			t.Fatalf("%s: face box %v not inside the erased area %v", file, regions[0].Box, regions[0].Erase)
		}
		if erased.Intersect(face).Area() < 0.9*face.Area() || box.IoU(erased, head) < 0.5 || box.IoU(got, face) < 0.5 {
			t.Fatalf("%s: box %v / erased %v do not match face %v and its region %v", file, regions[0].Box, regions[0].Erase, face, head)
		}
	}
}

func TestLoadModelRejectsBadFiles(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(detecttest.ModelsDir(t), "blazeface", BackModelFile))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "blazeface"), 0o755); err != nil {
		t.Fatal(err)
	}
	corrupt := append([]byte(nil), good[:len(good)/2]...)
	if err := os.WriteFile(filepath.Join(dir, "blazeface", BackModelFile), corrupt, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(dir, BackModelFile); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("truncated model: want SHA-256 mismatch, got %v", err)
	}
	if _, err := New(Options{ModelsDir: dir, ModelFile: "other.onnx"}); err == nil {
		t.Fatal("accepted an unpinned model file")
	}
}

func TestPlanTilesCoverImage(t *testing.T) {
	for _, size := range [][2]int{{320, 400}, {1920, 1080}, {40, 50}} {
		tiles := planTiles(size[0], size[1], 256, 20, MinInputFace, levelRatio, maxUpscale, maxTile)
		last := tiles[len(tiles)-1]
		if last.x > 0 || last.y > 0 || last.x+last.w < float64(size[0]) || last.y+last.h < float64(size[1]) {
			t.Errorf("%v: last tile %+v does not hold the whole image", size, last)
		}
		for _, tl := range tiles {
			if tl.netW <= 0 || tl.netH <= 0 || tl.netW%netAlign != 0 || tl.netH%netAlign != 0 || tl.netW > maxTile || tl.netH > maxTile {
				t.Fatalf("%v: bad tile %+v", size, tl)
			}
		}
	}
}
