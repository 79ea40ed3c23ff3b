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
	// anything on the labelled set, and the recheck. It is the only set
	// that meets the face goal at IoU 0.5: pigo's tight boxes match the
	// labels, the BlazeFace region (MediaPipe's box scaled 1.5) rarely
	// does.
	Thorough = "thorough"
	// Fast: BlazeFace and the full-body cascade, no recheck. On the
	// labelled set it covers (>= 90% of the box erased) exactly the
	// faces, people and plates the thorough set covers, in half the
	// detection time; it gives up pigo's tight face boxes (face recall at
	// IoU 0.5 falls from 0.92 to 0.33 while coverage stays 0.92), pigo's
	// finds outside the labels (e.g. defocused faces in a crowd), the
	// plate cascade (no labelled plate found) and the recheck; the
	// leakage check of the evaluation finds one detection on its mask
	// (messi5) where thorough leaves none.
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
