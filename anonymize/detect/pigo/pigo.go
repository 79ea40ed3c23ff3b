// Package pigo finds frontal faces with esimov/pigo's pixel-intensity
// comparison cascade (the facefinder file shipped in the Go module
// github.com/esimov/pigo@v1.4.6, installed into the models directory by
// scripts/setup-anonymizer.sh). The cascade is evaluated by this package's
// own scanner (trees.go), which resolves every node's pixel offsets once
// per window size; it accepts exactly the windows pigo's RunCascade does
// (a test compares them), about four times faster.
package pigo

import (
	"fmt"
	"image"
	"sync"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/models"
)

// CascadeFile is the facefinder cascade, relative to the models directory.
const CascadeFile = "pigo/facefinder"

// Frozen defaults, chosen before the recall evaluation was scored.
const (
	DefaultMinFace     = 20
	DefaultShiftFactor = 0.1 // window step, as a fraction of its size
	DefaultScaleFactor = 1.1 // window growth between scales
	DefaultIoU         = 0.2 // raw windows overlapping more are one face
	// DefaultScore is the minimum summed cascade score of a cluster; pigo's
	// own command uses 5.0, lowered because a missed face is a privacy
	// leak while a false positive only costs fill quality.
	DefaultScore = 3.0
)

// Options configure a Detector; zero fields take the defaults above.
type Options struct {
	ModelsDir   string
	MinFace     int // smallest face side, image pixels
	MaxFace     int // largest face side (default: the image's shorter side)
	ShiftFactor float64
	ScaleFactor float64
	IoU         float64
	Score       float64
}

// Detector runs the pigo cascade over grey pixels read from the RGBA buffer.
type Detector struct {
	cascade *trees
	opts    Options
	sha     string
	id      string
}

var _ anonymize.Detector = (*Detector)(nil)

// New loads and checks the facefinder cascade.
func New(opts Options) (*Detector, error) {
	setDefaults(&opts)
	if opts.MinFace < 8 || opts.ShiftFactor <= 0 || opts.ShiftFactor > 1 || opts.ScaleFactor <= 1 || opts.IoU <= 0 || opts.IoU >= 1 {
		return nil, fmt.Errorf("pigo: bad options: MinFace %d (>= 8), ShiftFactor %v (in (0,1]), ScaleFactor %v (> 1), IoU %v (in (0,1))",
			opts.MinFace, opts.ShiftFactor, opts.ScaleFactor, opts.IoU)
	}
	b, sum, err := models.ReadVerified(opts.ModelsDir, CascadeFile)
	if err != nil {
		return nil, fmt.Errorf("pigo: %w", err)
	}
	c, err := parseTrees(b)
	if err != nil {
		return nil, fmt.Errorf("pigo: unpack %s: %w", CascadeFile, err)
	}
	id := fmt.Sprintf("pigo-facefinder-min%d-shift%.2f-scale%.2f-q%.1f", opts.MinFace, opts.ShiftFactor, opts.ScaleFactor, opts.Score)
	return &Detector{cascade: c, opts: opts, sha: sum, id: id}, nil
}

func setDefaults(o *Options) {
	if o.MinFace == 0 {
		o.MinFace = DefaultMinFace
	}
	if o.ShiftFactor == 0 {
		o.ShiftFactor = DefaultShiftFactor
	}
	if o.ScaleFactor == 0 {
		o.ScaleFactor = DefaultScaleFactor
	}
	if o.IoU == 0 {
		o.IoU = DefaultIoU
	}
	if o.Score == 0 {
		o.Score = DefaultScore
	}
}

func (d *Detector) ID() string                 { return d.id }
func (d *Detector) Classes() []anonymize.Class { return []anonymize.Class{anonymize.ClassFace} }
func (d *Detector) ModelHash() string          { return d.sha }

var _ anonymize.NearDetector = (*Detector)(nil)

// Detect scans every window size from MinFace to MaxFace, clusters the
// windows the cascade accepts, and keeps clusters scoring at least Score.
func (d *Detector) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	return d.detect(img, nil)
}

// DetectNear is Detect over the windows near the given rectangles only
// (anonymize.NearDetector).
func (d *Detector) DetectNear(img *image.RGBA, near []image.Rectangle) ([]anonymize.Region, error) {
	if len(near) == 0 {
		return nil, nil
	}
	return d.detect(img, near)
}

// detect is Detect, restricted to the windows near the rectangles of near
// (image coordinates) unless near is nil.
func (d *Detector) detect(img *image.RGBA, near []image.Rectangle) ([]anonymize.Region, error) {
	g := raster.GrayFromRGBA(img)
	var scope *focus
	if near != nil {
		scope = &focus{rects: box.Relative(near, img.Bounds().Min)}
	}
	maxFace := d.opts.MaxFace
	if maxFace == 0 || maxFace > min(g.W, g.H) {
		maxFace = min(g.W, g.H)
	}
	if maxFace < d.opts.MinFace {
		return nil, nil
	}
	// Window sizes grow by the factor, at least 2 px, as pigo's own loop,
	// but with explicit rounding: pigo's step fuses a multiply-add on
	// some platforms.
	var raw []hit
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	for size := d.opts.MinFace; size <= maxFace; size += max(2, int(float64(float64(size)*d.opts.ScaleFactor)-float64(size))) {
		raw = append(raw, d.cascade.scan(g.Pix, g.W, g.H, size, d.opts.ShiftFactor, scope, sc)...)
	}
	cands := make([]box.Scored, len(raw))
	for i, r := range raw {
		h := float64(float64(r.size) / 2) // rounded: no FMA
		cands[i] = box.Scored{
			Box:   box.Box{X0: float64(r.col) - h, Y0: float64(r.row) - h, X1: float64(r.col) + h, Y1: float64(r.row) + h},
			Score: float64(r.q),
		}
	}
	b := img.Bounds()
	var regions []anonymize.Region
	for _, c := range clusterSum(cands, d.opts.IoU) {
		if c.Score < d.opts.Score {
			continue
		}
		r := c.Box.Scale(1, float64(b.Min.X), float64(b.Min.Y)).Rect(b)
		if !r.Empty() {
			regions = append(regions, anonymize.Region{Class: anonymize.ClassFace, Box: r, Score: c.Score, DetectorID: d.id})
		}
	}
	return regions, nil
}

// scratchPool keeps scan memory (the live windows of a 1080p frame's
// smallest size take 4 MB) between detections; scan overwrites every
// entry it reads.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// clusterSum groups windows as pigo's ClusterDetections does (the best
// unassigned window gathers every window overlapping it by more than iou;
// the cluster is their mean box with the summed score) but in a stable,
// fully specified order, so the result never depends on sort internals.
func clusterSum(cands []box.Scored, iou float64) []box.Scored {
	c := append([]box.Scored(nil), cands...)
	box.SortByScore(c)
	used := make([]bool, len(c))
	var out []box.Scored
	for i := range c {
		if used[i] {
			continue
		}
		var sum box.Box
		var q float64
		n := 0
		for j := range c {
			if used[j] || box.IoU(c[i].Box, c[j].Box) <= iou && j != i {
				continue
			}
			used[j] = true
			sum = box.Box{X0: sum.X0 + c[j].Box.X0, Y0: sum.Y0 + c[j].Box.Y0, X1: sum.X1 + c[j].Box.X1, Y1: sum.Y1 + c[j].Box.Y1}
			q += c[j].Score
			n++
		}
		k := 1 / float64(n)
		out = append(out, box.Scored{Box: sum.Scale(k, 0, 0), Score: q})
	}
	return out
}
