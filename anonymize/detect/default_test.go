package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
)

func TestDefaultBuildsEveryDetector(t *testing.T) {
	dir := detecttest.ModelsDir(t)
	dets, err := Default(Options{ModelsDir: dir, Detectors: Names()})
	if err != nil {
		t.Fatal(err)
	}
	if len(dets) != len(Names()) {
		t.Fatalf("built %d of %d", len(dets), len(Names()))
	}
	for _, d := range dets {
		if len(d.ModelHash()) != 64 || d.ID() == "" || len(d.Classes()) == 0 {
			t.Errorf("detector %q: hash %q classes %v", d.ID(), d.ModelHash(), d.Classes())
		}
	}
	def, err := Default(Options{ModelsDir: dir})
	if err != nil || len(def) != len(DefaultDetectors) {
		t.Fatalf("default set: %d detectors, %v", len(def), err)
	}
}

func TestDefaultFiltersByClass(t *testing.T) {
	dets, err := Default(Options{ModelsDir: detecttest.ModelsDir(t), Classes: []anonymize.Class{anonymize.ClassPlate}})
	if err != nil {
		t.Fatal(err)
	}
	if len(dets) != 1 || !slices.Equal(dets[0].Classes(), []anonymize.Class{anonymize.ClassPlate}) {
		t.Fatalf("got %d detectors", len(dets))
	}
}

func TestDefaultRejectsUnknownDetector(t *testing.T) {
	_, err := Default(Options{ModelsDir: t.TempDir(), Detectors: []string{"yolo"}})
	if err == nil || !strings.Contains(err.Error(), `unknown detector "yolo"`) {
		t.Fatalf("got %v", err)
	}
	_, err = Default(Options{ModelsDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Fatalf("empty models dir: %v", err)
	}
}

func TestDefaultBuildsProfiles(t *testing.T) {
	dir := detecttest.ModelsDir(t)
	for _, name := range ProfileNames() {
		dets, err := Default(Options{ModelsDir: dir, Profile: name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(dets) != len(Profiles[name].Detectors) {
			t.Fatalf("%s: built %d detectors, want %d", name, len(dets), len(Profiles[name].Detectors))
		}
	}
	if !slices.Equal(DefaultDetectors, Profiles[DefaultProfile].Detectors) {
		t.Fatalf("DefaultDetectors %v is not the default profile's %v", DefaultDetectors, Profiles[DefaultProfile].Detectors)
	}
	_, err := Default(Options{ModelsDir: dir, Profile: "quick"})
	if err == nil || !strings.Contains(err.Error(), `unknown profile "quick"`) {
		t.Fatalf("unknown profile: %v", err)
	}
	o := anonymize.DefaultOptions()
	if err := ApplyProfile(Fast, &o); err != nil || o.Profile != Fast || !o.SkipRecheck {
		t.Fatalf("fast profile options: %v, %q, skip recheck %v", err, o.Profile, o.SkipRecheck)
	}
	o = anonymize.DefaultOptions()
	if err := ApplyProfile("", &o); err != nil || o.Profile != DefaultProfile || o.SkipRecheck {
		t.Fatalf("default profile options: %v, %q, skip recheck %v", err, o.Profile, o.SkipRecheck)
	}
}
