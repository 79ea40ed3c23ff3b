// Package anonymize erases privacy-relevant content (faces, people, licence
// plates, vehicles) from images and fills the hole with plausible background.
//
// Detectors find regions; the pipeline unions, cleans and expands them into a
// mask, zeroes every masked pixel, then fills. Everything after detection is
// deterministic, so a second worker recomputes the same output bytes.
package anonymize

import (
	"image"
)

// Class is a kind of privacy-relevant content.
type Class string

const (
	ClassFace    Class = "face"
	ClassPerson  Class = "person"
	ClassPlate   Class = "plate"
	ClassVehicle Class = "vehicle"
)

// AllClasses lists every class, in the order reports use.
var AllClasses = []Class{ClassFace, ClassPerson, ClassPlate, ClassVehicle}

// Region is one detection: a box in image coordinates, optionally refined by
// a per-pixel mask covering the same bounds.
type Region struct {
	Class Class
	// Box is the detection's bounding box, clipped to the image: the
	// detector's estimate of the object itself, which is what recall is
	// scored on.
	Box image.Rectangle
	// Erase, when not empty, is the area the mask builder erases for this
	// detection (before the mask's own growth and dilation), for detectors
	// whose convention keeps a safety margin around the object (BlazeFace
	// erases MediaPipe's face region, 1.5 times its face box). Empty means
	// Box. The erased area always includes Box (see EraseBox).
	Erase image.Rectangle
	// Mask, when not nil, marks the detected pixels inside Box (non-zero alpha
	// = private); its Bounds() equal Box. Nil means the whole box.
	Mask *image.Alpha
	// Score is the detector's confidence, for reports only: thresholds are
	// applied inside detectors and never change the mask downstream.
	Score      float64
	DetectorID string
}

// EraseBox is the area erased for the region: Erase joined with Box, or Box
// alone when Erase is empty.
func (r Region) EraseBox() image.Rectangle {
	return r.Box.Union(r.Erase)
}

// Detector finds regions of some classes in an image.
//
// Implementations must be safe for concurrent use by several goroutines and
// must not modify img.
type Detector interface {
	// ID names the detector and its configuration, e.g. "pigo-facefinder".
	ID() string
	// Classes are the classes this detector can report.
	Classes() []Class
	// ModelHash is the hex SHA-256 of the model file(s) the detector loaded,
	// or "" for detectors without a model.
	ModelHash() string
	Detect(img *image.RGBA) ([]Region, error)
}

// A NearDetector is a sliding-window detector that can search only the
// windows near some rectangles. The recheck uses it to look at the filled
// holes rather than at everything its crops hold (see recheck.go).
type NearDetector interface {
	Detector
	// DetectNear is Detect restricted to the windows that overlap one of
	// near (in img's coordinates) grown by half the window's size on each
	// side: windows whose centre lies within one window size of it.
	// Everything else (thresholds, grouping of the windows found) is
	// Detect's.
	DetectNear(img *image.RGBA, near []image.Rectangle) ([]Region, error)
}
