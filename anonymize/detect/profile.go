package detect

import (
	"fmt"
	"maps"
	"slices"

	"github.com/msec-city/msec/anonymize"
)

// A Profile is a named trade-off between recall and speed: the detectors
// to run and whether the pipeline rechecks PatchMatch fills with them.
// The command's --profile picks one and every report records its name.
// Profiles were chosen from measurements: the subset table of `make
// eval-anonymizer-recall` (every combination of the thorough set scored
// on the labelled images and timed on a 1080p frame), the leakage check
// of `make eval-anonymizer-fill` and `make bench-anonymizer` (see
// docs/anonymizer.md, "Profiles").
type Profile struct {
	Detectors []string
	// SkipRecheck turns off the detectors' second look at PatchMatch
	// fills (anonymize.Options.SkipRecheck).
	SkipRecheck bool
}

// Profile names.
const (
	// Thorough, the default: every still-image detector that finds
	// anything on the labelled set, and the recheck. It meets the face
	// goal at IoU 0.5 (0.92 on frontal faces >= 20 px: pigo's boxes match
	// the one face BlazeFace's box misses) and leaves no detection on its
	// mask in the leakage check, but runs at about 0.75-1.0
	// images/s/core at 1080p (engine 0.7.0 after the kernel round; the
	// leuvenA scene with four synthetic pedestrians is the slow one).
	Thorough = "thorough"
	// Fast: BlazeFace and the full-body cascade, no recheck. It covers
	// (>= 90% of the box erased) exactly the faces and people thorough
	// covers on the labelled set, matches 0.88 of the frontal faces >= 20
	// px at IoU 0.5 (one face short of the goal: 21 of 24, against 22 for
	// thorough), leaves no detection on its mask in the leakage check
	// since face-only holes are filled by Telea, and ran 1.24-1.66
	// images/s/core on the speed bench (engine 0.7.0 after the kernel
	// round; 1.09-1.56 before it, 1.07-1.58 with
	// 0.6.0; a run at load 5 gave 0.72 on messi5). It gives up
	// pigo's finds outside the labels (defocused faces in a crowd), the
	// plate cascade (no labelled plate found) and the recheck of
	// PatchMatch fills.
	Fast = "fast"
)

// DefaultProfile is the profile used when none is named.
const DefaultProfile = Thorough

// Profiles maps each profile name to its definition.
var Profiles = map[string]Profile{
	Thorough: {Detectors: []string{Pigo, BlazeFace, FullBody, Plate}},
	Fast:     {Detectors: []string{BlazeFace, FullBody}, SkipRecheck: true},
}

// ProfileNames lists the profiles, sorted.
func ProfileNames() []string {
	return slices.Sorted(maps.Keys(Profiles))
}

// LookupProfile returns a profile by name ("" is DefaultProfile).
func LookupProfile(name string) (Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	p, ok := Profiles[name]
	if !ok {
		return Profile{}, fmt.Errorf("detect: unknown profile %q (known: %v)", name, ProfileNames())
	}
	p.Detectors = slices.Clone(p.Detectors)
	return p, nil
}

// ApplyProfile sets the pipeline options a profile decides: its name (for
// the report) and the recheck.
func ApplyProfile(name string, o *anonymize.Options) error {
	if name == "" {
		name = DefaultProfile
	}
	p, err := LookupProfile(name)
	if err != nil {
		return err
	}
	o.Profile = name
	o.SkipRecheck = o.SkipRecheck || p.SkipRecheck
	return nil
}
