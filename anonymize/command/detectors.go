package command

import (
	"fmt"
	"image"
	"slices"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/detect/motion"
)

// defaultDetectors builds the engine's still-image detectors: the
// profile's.
func defaultDetectors(cfg DetectorConfig) ([]anonymize.Detector, error) {
	return detect.Default(detect.Options{ModelsDir: cfg.ModelsDir, MinFace: cfg.MinFace, Classes: cfg.Classes, Profile: cfg.Profile})
}

// sequenceDetector learns the fixed camera's background from up to
// motion.DefaultWindow frames spread evenly over the sequence (first and
// last included, as the motion detector itself picks them), decoding only
// those, and returns the motion detector and its plate.
func sequenceDetector(frames []string, lim anonymize.Limits) (*motion.Detector, *image.RGBA, error) {
	n := min(len(frames), motion.DefaultWindow)
	if n < 2 {
		return nil, nil, fmt.Errorf("--sequence needs at least 2 frames, got %d", len(frames))
	}
	picked := make([]*image.RGBA, n)
	for i := range picked {
		path := frames[i*(len(frames)-1)/(n-1)]
		data, err := readInput(path, lim.MaxBytes)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		img, _, err := anonymize.Decode(data, lim)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if i > 0 && img.Rect != picked[0].Rect {
			return nil, nil, fmt.Errorf("%s: frame is %v, the first frame is %v", path, img.Rect, picked[0].Rect)
		}
		picked[i] = img
	}
	d, err := motion.New(picked, motion.Options{})
	if err != nil {
		return nil, nil, err
	}
	return d, d.Background(), nil
}

// wantsMotion reports whether the classes include what the motion detector
// finds.
func wantsMotion(classes []anonymize.Class) bool {
	return slices.Contains(classes, anonymize.ClassPerson) || slices.Contains(classes, anonymize.ClassVehicle)
}
