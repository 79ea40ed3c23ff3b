// Package detect builds the anonymizer's detector set. The detectors live
// in sub-packages: pigo and blazeface (faces), cascade (people and plates
// with OpenCV Haar cascades), motion (moving people and vehicles for fixed
// cameras).
package detect

import (
	"fmt"
	"maps"
	"slices"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/blazeface"
	"github.com/msec-city/msec/anonymize/detect/cascade"
	"github.com/msec-city/msec/anonymize/detect/pigo"
	"github.com/msec-city/msec/anonymize/models"
)

// Named detectors Default can build.
const (
	Pigo           = "pigo"            // faces, pigo facefinder
	BlazeFace      = "blazeface"       // faces, BlazeFace back 256x256
	BlazeFaceFront = "blazeface-front" // faces, BlazeFace front 128x128
	FullBody       = "fullbody"        // people, haarcascade_fullbody
	UpperBody      = "upperbody"       // people, haarcascade_upperbody
	Plate          = "plate"           // plates, haarcascade_russian_plate_number
	Plate16        = "plate16"         // plates, haarcascade_licence_plate_rus_16stages
)

// DefaultDetectors is the set used when neither Options.Detectors nor
// Options.Profile is given: the default profile's.
var DefaultDetectors = Profiles[DefaultProfile].Detectors

// Options select and configure the detectors.
type Options struct {
	// ModelsDir holds the verified model files; "" means models.Dir()
	// ($MSEC_ANONYMIZER_MODELS, else build/models/anonymizer under the
	// repository root).
	ModelsDir string
	// MinFace is the smallest face side searched, in pixels (default 20).
	MinFace int
	// Classes keeps only detectors reporting one of these; nil means all.
	Classes []anonymize.Class
	// Detectors names the detectors to build; nil means the profile's.
	Detectors []string
	// Profile names a detector set (see Profiles) used when Detectors is
	// nil; "" means DefaultProfile.
	Profile string
	// Workers lets BlazeFace run tiles in parallel (default 1); results do
	// not depend on it.
	Workers int
}

// spec says which classes a named detector reports and how to build it.
type spec struct {
	classes []anonymize.Class
	build   func(o Options, shared *sharedState) (anonymize.Detector, error)
}

// sharedState is what the detectors of one Default call share: the
// cascades' resampled levels (cascade.Pyramid), which the full-body and
// plate scans would otherwise each compute for the same image.
type sharedState struct {
	pyramid *cascade.Pyramid
}

func cascadeSpec(file string, class anonymize.Class) spec {
	return spec{classes: []anonymize.Class{class}, build: func(o Options, shared *sharedState) (anonymize.Detector, error) {
		return cascade.New(cascade.Options{ModelsDir: o.ModelsDir, File: file, Class: class, Pyramid: shared.pyramid})
	}}
}

func blazeSpec(file string) spec {
	return spec{classes: []anonymize.Class{anonymize.ClassFace}, build: func(o Options, _ *sharedState) (anonymize.Detector, error) {
		return blazeface.New(blazeface.Options{ModelsDir: o.ModelsDir, ModelFile: file, MinFace: o.MinFace, Workers: o.Workers})
	}}
}

var specs = map[string]spec{
	Pigo: {classes: []anonymize.Class{anonymize.ClassFace}, build: func(o Options, _ *sharedState) (anonymize.Detector, error) {
		return pigo.New(pigo.Options{ModelsDir: o.ModelsDir, MinFace: o.MinFace})
	}},
	BlazeFace:      blazeSpec(blazeface.BackModelFile),
	BlazeFaceFront: blazeSpec(blazeface.FrontModelFile),
	FullBody:       cascadeSpec("opencv/haarcascade_fullbody.xml", anonymize.ClassPerson),
	UpperBody:      cascadeSpec("opencv/haarcascade_upperbody.xml", anonymize.ClassPerson),
	Plate:          cascadeSpec("opencv/haarcascade_russian_plate_number.xml", anonymize.ClassPlate),
	Plate16:        cascadeSpec("opencv/haarcascade_licence_plate_rus_16stages.xml", anonymize.ClassPlate),
}

// Names lists every detector Default can build, sorted.
func Names() []string {
	return slices.Sorted(maps.Keys(specs))
}

// Default builds the selected detectors, in the order named, skipping
// those whose classes are all excluded by opts.Classes.
func Default(opts Options) ([]anonymize.Detector, error) {
	if opts.ModelsDir == "" {
		opts.ModelsDir = models.Dir()
	}
	if opts.MinFace == 0 {
		opts.MinFace = pigo.DefaultMinFace
	}
	names := opts.Detectors
	if len(names) == 0 {
		p, err := LookupProfile(opts.Profile)
		if err != nil {
			return nil, err
		}
		names = p.Detectors
	}
	var out []anonymize.Detector
	shared := &sharedState{pyramid: cascade.NewPyramid()}
	for _, name := range names {
		s, ok := specs[name]
		if !ok {
			return nil, fmt.Errorf("detect: unknown detector %q (known: %v)", name, Names())
		}
		if !wanted(s.classes, opts.Classes) {
			continue
		}
		d, err := s.build(opts, shared)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func wanted(have, want []anonymize.Class) bool {
	if want == nil {
		return true
	}
	for _, c := range have {
		if slices.Contains(want, c) {
			return true
		}
	}
	return false
}
