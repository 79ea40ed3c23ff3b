package cascade

import (
	"fmt"
	"image"
	"path"
	"strings"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/models"
)

// Frozen scan defaults (OpenCV's detectMultiScale defaults), chosen before
// the recall evaluation was scored.
const (
	DefaultScaleFactor  = 1.1
	DefaultMinNeighbors = 3
	DefaultGroupEps     = 0.2
)

// Options configure one cascade detector.
type Options struct {
	ModelsDir string
	File      string          // e.g. "opencv/haarcascade_fullbody.xml"
	Class     anonymize.Class // what a hit is reported as
	// MinWidth is the smallest object width searched, in image pixels;
	// 0 means twice the cascade window (OpenCV's own minimum is 1x, which
	// at 1080p costs seconds per cascade).
	MinWidth     int
	ScaleFactor  float64
	MinNeighbors int
	// Pyramid, when set, shares resampled levels with the other cascades
	// given the same one (see Pyramid); results do not depend on it.
	Pyramid *Pyramid
}

// Detector reports a cascade's grouped hits as regions of one class.
type Detector struct {
	cascade *Cascade
	opts    Options
	scan    ScanParams
	sha     string
	id      string
	user    uint64 // its bit in opts.Pyramid
}

var _ anonymize.Detector = (*Detector)(nil)

// New loads, checks (SHA-256) and parses the cascade file.
func New(opts Options) (*Detector, error) {
	if opts.Class == "" {
		return nil, fmt.Errorf("cascade: Options.Class is required")
	}
	if opts.ScaleFactor == 0 {
		opts.ScaleFactor = DefaultScaleFactor
	}
	if opts.MinNeighbors == 0 {
		opts.MinNeighbors = DefaultMinNeighbors
	}
	if opts.ScaleFactor <= 1 || opts.MinNeighbors < 0 || opts.MinWidth < 0 {
		return nil, fmt.Errorf("cascade: bad options: ScaleFactor %v (> 1), MinNeighbors %d (>= 0), MinWidth %d (>= 0)", opts.ScaleFactor, opts.MinNeighbors, opts.MinWidth)
	}
	b, sum, err := models.ReadVerified(opts.ModelsDir, opts.File)
	if err != nil {
		return nil, fmt.Errorf("cascade: %w", err)
	}
	c, err := ParseBytes(b)
	if err != nil {
		return nil, fmt.Errorf("cascade: %s: %w", opts.File, err)
	}
	if opts.MinWidth == 0 {
		opts.MinWidth = 2 * c.W
	}
	opts.MinWidth = max(opts.MinWidth, c.W)
	d := &Detector{cascade: c, opts: opts, sha: sum, user: opts.Pyramid.register()}
	d.scan = ScanParams{MinWidth: opts.MinWidth, ScaleFactor: opts.ScaleFactor, MinNeighbors: opts.MinNeighbors, GroupEps: DefaultGroupEps}
	d.id = fmt.Sprintf("cascade-%s-minw%d-n%d", strings.TrimSuffix(path.Base(opts.File), ".xml"), opts.MinWidth, opts.MinNeighbors)
	return d, nil
}

func (d *Detector) ID() string                 { return d.id }
func (d *Detector) Classes() []anonymize.Class { return []anonymize.Class{d.opts.Class} }
func (d *Detector) ModelHash() string          { return d.sha }

var _ anonymize.NearDetector = (*Detector)(nil)

// Detect scans the grey image and reports each grouped hit; Score is the
// number of raw windows supporting it.
func (d *Detector) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	return d.detect(img, nil)
}

// DetectNear is Detect over the windows near the given rectangles only
// (anonymize.NearDetector); the windows kept are grouped as Detect's.
func (d *Detector) DetectNear(img *image.RGBA, near []image.Rectangle) ([]anonymize.Region, error) {
	if len(near) == 0 {
		return nil, nil
	}
	return d.detect(img, &focus{rects: box.Relative(near, img.Bounds().Min)})
}

func (d *Detector) detect(img *image.RGBA, f *focus) ([]anonymize.Region, error) {
	b := img.Bounds()
	var regions []anonymize.Region
	for _, h := range d.cascade.scan(d.opts.Pyramid.levelsFor(raster.GrayFromRGBA(img), d.user), d.scan, f) {
		r := h.Rect.Add(b.Min).Intersect(b)
		if !r.Empty() {
			regions = append(regions, anonymize.Region{Class: d.opts.Class, Box: r, Score: float64(h.Support), DetectorID: d.id})
		}
	}
	return regions, nil
}
