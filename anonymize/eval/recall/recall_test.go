package recall

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/msec-city/msec/anonymize"
)

func TestWilson(t *testing.T) {
	// Reference values for the 95% Wilson interval.
	lo, hi := Wilson(9, 10)
	if math.Abs(lo-0.5958) > 1e-3 || math.Abs(hi-0.9821) > 1e-3 {
		t.Errorf("9/10: [%.4f, %.4f]", lo, hi)
	}
	lo, hi = Wilson(0, 5)
	if lo != 0 || math.Abs(hi-0.4345) > 1e-3 {
		t.Errorf("0/5: [%.4f, %.4f]", lo, hi)
	}
}

func TestScoreMatchingCoverageAndFalsePositives(t *testing.T) {
	objs := []Object{
		{Class: anonymize.ClassFace, Box: [4]int{10, 10, 30, 30}},
		{Class: anonymize.ClassPerson, Box: [4]int{50, 0, 70, 60}},
	}
	dets := []anonymize.Region{
		{Class: anonymize.ClassFace, Box: image.Rect(11, 11, 31, 31)},  // matches the face
		{Class: anonymize.ClassFace, Box: image.Rect(52, 5, 62, 15)},   // inside the person: not false
		{Class: anonymize.ClassPerson, Box: image.Rect(45, 0, 80, 60)}, // covers, IoU 0.57
		{Class: anonymize.ClassPlate, Box: image.Rect(90, 90, 99, 99)}, // false positive
	}
	outs, fp := Score(objs, dets, image.Rect(0, 0, 100, 100))
	if !outs[0].Matched || !outs[0].Covered || !outs[1].Matched || !outs[1].Covered || fp != 1 {
		t.Fatalf("outcomes %+v, fp %d", outs, fp)
	}
}

func TestLabelsFileIsValid(t *testing.T) {
	lf, err := LoadLabels(filepath.Join("..", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lf.Images) < 10 {
		t.Fatalf("only %d images", len(lf.Images))
	}
	for _, im := range lf.Images {
		if _, err := Resolve(im.Path, "/x", "/y"); err != nil {
			t.Error(err)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"images":[{"path":"eval:a","objects":[{"class":"face","box":[5,5,1,1]}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLabels(bad); err == nil {
		t.Error("accepted an empty box")
	}
}

func TestSubsetsAndPareto(t *testing.T) {
	subs := Subsets([]string{"a", "b", "c"})
	var names []string
	for _, s := range subs {
		names = append(names, s.Name)
	}
	want := []string{"(none)", "a", "b", "c", "a+b", "a+c", "b+c", "a+b+c"}
	if !slices.Equal(names, want) {
		t.Fatalf("subsets %v, want %v", names, want)
	}
	// One face image: "a" finds the face, "b" finds nothing, "c" finds it
	// too but costs more.
	face := Object{Class: anonymize.ClassFace, Box: [4]int{10, 10, 30, 30}, Frontal: true}
	found := []anonymize.Region{{Class: anonymize.ClassFace, Box: image.Rect(10, 10, 30, 30)}}
	r := &Run{
		Images:     []Loaded{{Label: LabelImage{Objects: []Object{face}}, Img: image.NewRGBA(image.Rect(0, 0, 40, 40))}},
		Detections: map[string][][]anonymize.Region{"a": {found}, "b": {nil}, "c": {found}},
	}
	rows := r.ScoreSubsets(subs, map[string]float64{"a": 1, "b": 0.5, "c": 2})
	pareto := map[string]bool{}
	for _, row := range rows {
		pareto[row.System.Name] = row.Pareto
	}
	// (none) is free; a finds the face cheapest; everything else is
	// dominated by one of them.
	for name, want := range map[string]bool{"(none)": true, "a": true, "b": false, "c": false, "a+b": false, "a+b+c": false} {
		if pareto[name] != want {
			t.Errorf("%s: Pareto %v, want %v", name, pareto[name], want)
		}
	}
}
