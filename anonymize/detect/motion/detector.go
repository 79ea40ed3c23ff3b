package motion

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"

	"github.com/msec-city/msec/anonymize"
)

// Frozen defaults, chosen before the recall evaluation was scored.
const (
	DefaultWindow    = 25 // frames in the median
	DefaultThreshold = 35 // per-channel difference from the plate
	DefaultScale     = 2  // cell size in pixels
	DefaultClose     = 2  // closing radius in cells, joins a body's parts
	DefaultMinArea   = 150
)

// Options configure a Detector; zero fields take the defaults above.
type Options struct {
	Window    int   // frames used for the median, spread over the sequence
	Threshold uint8 // foreground if any channel differs by more
	Scale     int   // cell size in pixels for the mask
	Close     int   // morphological closing radius, in cells
	MinArea   int   // smallest component, in image pixels
}

// Detector compares frames with one camera's background plate.
type Detector struct {
	bg   *image.RGBA
	opts Options
	sha  string
	id   string
}

var _ anonymize.Detector = (*Detector)(nil)

// New builds the background plate from frames of one fixed camera.
func New(frames []*image.RGBA, opts Options) (*Detector, error) {
	if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	if opts.Threshold == 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.Scale == 0 {
		opts.Scale = DefaultScale
	}
	if opts.Close == 0 {
		opts.Close = DefaultClose
	}
	if opts.MinArea == 0 {
		opts.MinArea = DefaultMinArea
	}
	if opts.Window < 1 || opts.Scale < 1 || opts.Close < 0 || opts.MinArea < 1 {
		return nil, fmt.Errorf("motion: bad options %+v", opts)
	}
	bg, err := medianBackground(pickFrames(frames, opts.Window))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(bg.Pix)
	id := fmt.Sprintf("motion-median%d-t%d-s%d-c%d-a%d", min(len(frames), opts.Window), opts.Threshold, opts.Scale, opts.Close, opts.MinArea)
	return &Detector{bg: bg, opts: opts, sha: hex.EncodeToString(sum[:]), id: id}, nil
}

// Background is the camera's background plate (do not modify it); the
// filler can copy masked pixels from it.
func (d *Detector) Background() *image.RGBA { return d.bg }

func (d *Detector) ID() string { return d.id }

// Classes: tall components are reported as people, wide ones as vehicles.
func (d *Detector) Classes() []anonymize.Class {
	return []anonymize.Class{anonymize.ClassPerson, anonymize.ClassVehicle}
}

// ModelHash is the SHA-256 of the background plate's RGBA bytes: the
// plate is this detector's model, and the output depends on it.
func (d *Detector) ModelHash() string { return d.sha }

// Detect returns one region per foreground component, with a mask of its
// cells.
func (d *Detector) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	if img.Bounds() != d.bg.Bounds() {
		return nil, fmt.Errorf("motion: frame is %v, background is %v", img.Bounds(), d.bg.Bounds())
	}
	s := d.opts.Scale
	fg := foreground(img, d.bg, s, d.opts.Threshold).dilate(d.opts.Close).erode(d.opts.Close)
	b := img.Bounds()
	var regions []anonymize.Region
	for _, c := range fg.components() {
		if len(c.cells)*s*s < d.opts.MinArea {
			continue
		}
		box := image.Rect(c.minX*s, c.minY*s, (c.maxX+1)*s, (c.maxY+1)*s).Add(b.Min).Intersect(b)
		mask := image.NewAlpha(box)
		for _, i := range c.cells {
			cx, cy := i%fg.w, i/fg.w
			cell := image.Rect(cx*s, cy*s, (cx+1)*s, (cy+1)*s).Add(b.Min).Intersect(box)
			for y := cell.Min.Y; y < cell.Max.Y; y++ {
				for x := cell.Min.X; x < cell.Max.X; x++ {
					mask.Pix[mask.PixOffset(x, y)] = 255
				}
			}
		}
		class := anonymize.ClassVehicle
		if box.Dy() >= box.Dx() {
			class = anonymize.ClassPerson
		}
		regions = append(regions, anonymize.Region{Class: class, Box: box, Mask: mask, Score: float64(len(c.cells) * s * s), DetectorID: d.id})
	}
	return regions, nil
}
