// Package recall measures how many hand-labelled privacy objects the
// anonymizer's detectors find, per class and size band, with Wilson
// confidence intervals; anonymize/eval/labels.json holds the labels.
package recall

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"

	"github.com/msec-city/msec/anonymize"
)

// LabelFile is the committed ground truth.
type LabelFile struct {
	Notes  string       `json:"notes"`
	Images []LabelImage `json:"images"`
}

// LabelImage is one evaluation image and every privacy object in it.
type LabelImage struct {
	// Path is "opencv-doc:<file>" (Debian opencv-doc's examples/data),
	// "opencv-doc-html:<file>" (its HTML documentation's pictures) or
	// "eval:<file>" (build/eval/anonymizer, filled by setup).
	Path  string `json:"path"`
	Notes string `json:"notes,omitempty"`
	// Scale, when set, shrinks the image by this factor (area resampling)
	// before detection, to test small objects; boxes stay in the original
	// picture's pixels and are scaled with it.
	Scale   float64  `json:"scale,omitempty"`
	Objects []Object `json:"objects"`
}

// Object is one labelled box, [x0, y0, x1, y1) in image pixels.
type Object struct {
	Class anonymize.Class `json:"class"`
	Box   [4]int          `json:"box"`
	// Frontal marks faces showing both eyes (the recall goal's subset).
	Frontal bool   `json:"frontal,omitempty"`
	Notes   string `json:"notes,omitempty"`
}

// Rect is the object's box as an image.Rectangle.
func (o Object) Rect() image.Rectangle { return image.Rect(o.Box[0], o.Box[1], o.Box[2], o.Box[3]) }

// LoadLabels reads and checks a label file.
func LoadLabels(path string) (*LabelFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lf LabelFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&lf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, im := range lf.Images {
		if im.Scale < 0 || im.Scale > 1 {
			return nil, fmt.Errorf("%s: %s: scale %v not in (0, 1]", path, im.Path, im.Scale)
		}
		for i, o := range im.Objects {
			if o.Box[2] <= o.Box[0] || o.Box[3] <= o.Box[1] {
				return nil, fmt.Errorf("%s: %s object %d: empty box %v", path, im.Path, i, o.Box)
			}
			if !knownClass(o.Class) {
				return nil, fmt.Errorf("%s: %s object %d: unknown class %q", path, im.Path, i, o.Class)
			}
		}
	}
	return &lf, nil
}

func knownClass(c anonymize.Class) bool {
	for _, k := range anonymize.AllClasses {
		if c == k {
			return true
		}
	}
	return false
}

// Resolve maps a label path to a file: opencv-doc: and eval: prefixes.
func Resolve(p, opencvData, evalDir string) (string, error) {
	switch {
	case strings.HasPrefix(p, "opencv-doc:"):
		return filepath.Join(opencvData, strings.TrimPrefix(p, "opencv-doc:")), nil
	case strings.HasPrefix(p, "opencv-doc-html:"):
		return filepath.Join(opencvData, "..", "..", "opencv4", "html", strings.TrimPrefix(p, "opencv-doc-html:")), nil
	case strings.HasPrefix(p, "eval:"):
		return filepath.Join(evalDir, strings.TrimPrefix(p, "eval:")), nil
	}
	return "", fmt.Errorf("image path %q: want an opencv-doc:, opencv-doc-html: or eval: prefix", p)
}
