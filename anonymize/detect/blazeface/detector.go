package blazeface

import (
	"fmt"
	"image"
	"sync"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/box"
)

// Frozen defaults, chosen before the recall evaluation was scored.
const (
	DefaultMinFace        = 20
	DefaultScoreThreshold = 0.5 // MediaPipe's own default for this model
	// MinInputFace is the face size, in network pixels, the pyramid aims
	// for at its finest level; the back model still scores 10-12 px faces
	// above 0.8 on pigo's sample image, so 14 keeps a margin.
	MinInputFace = 14
	levelRatio   = 4   // each pyramid level covers faces 4x larger
	maxUpscale   = 2.0 // never enlarge the image more than this
	// maxTile bounds a network input's side, and so the memory of one
	// run (the first layer's output is 24 channels at half the input).
	maxTile  = 1024
	mergeIoU = 0.3 // MediaPipe's weighted-NMS overlap
	// Boxes mostly inside a stronger one are tile-edge fragments.
	containedFraction = 0.7
	// FaceRegionScale sets the area erased around each face. The network's
	// box is reported as the face (Region.Box): BlazeFace regresses a box
	// around the face itself (on julia_facedetect_sample.jpg of the OpenCV
	// docs, a picture outside the labelled set, it runs from the forehead
	// just above the brows to the chin, cheek to cheek). What is erased
	// (Region.Erase) is MediaPipe's region of interest for a detection:
	// that box scaled 1.5 times about its centre
	// (face_detection_front_detection_to_roi: scale_x and scale_y 1.5), a
	// margin for hair and head outline. Both come from the model and
	// MediaPipe's convention, not from the labelled set.
	FaceRegionScale = 1.5
)

// Options configure a Detector.
type Options struct {
	ModelsDir      string  // the anonymizer models directory (see anonymize/models)
	ModelFile      string  // BackModelFile (default) or FrontModelFile
	MinFace        int     // smallest face side to find, in image pixels (default 20)
	ScoreThreshold float64 // default 0.5
	Workers        int     // tiles run in parallel (default 1); output does not depend on it
}

// Detector finds faces with BlazeFace over a tiled scale pyramid.
type Detector struct {
	model *Model
	opts  Options
	id    string
}

var _ anonymize.Detector = (*Detector)(nil)

// New loads the model, checking its SHA-256 against the pinned value.
func New(opts Options) (*Detector, error) {
	if opts.ModelFile == "" {
		opts.ModelFile = BackModelFile
	}
	if opts.MinFace == 0 {
		opts.MinFace = DefaultMinFace
	}
	if opts.ScoreThreshold == 0 {
		opts.ScoreThreshold = DefaultScoreThreshold
	}
	if opts.Workers == 0 {
		opts.Workers = 1
	}
	if opts.MinFace < 4 || opts.ScoreThreshold <= 0 || opts.ScoreThreshold >= 1 || opts.Workers < 1 {
		return nil, fmt.Errorf("blazeface: bad options: MinFace %d (>= 4), ScoreThreshold %v (in (0,1)), Workers %d (>= 1)", opts.MinFace, opts.ScoreThreshold, opts.Workers)
	}
	m, err := LoadModel(opts.ModelsDir, opts.ModelFile)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprintf("blazeface-%d-min%d-t%.2f-r%.1f", m.Size(), opts.MinFace, opts.ScoreThreshold, FaceRegionScale)
	return &Detector{model: m, opts: opts, id: id}, nil
}

func (d *Detector) ID() string                 { return d.id }
func (d *Detector) Classes() []anonymize.Class { return []anonymize.Class{anonymize.ClassFace} }
func (d *Detector) ModelHash() string          { return d.model.SHA256() }
func (d *Detector) tiles(w, h int) []tileSpan {
	return planTiles(w, h, d.model.Size(), float64(d.opts.MinFace), MinInputFace, levelRatio, maxUpscale, maxTile)
}

// Detect runs every tile, maps boxes back to the image, merges duplicates
// across tiles and levels, and drops faces smaller than half of MinFace.
func (d *Detector) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	b := img.Bounds()
	tiles := d.tiles(b.Dx(), b.Dy())
	perTile := make([][]box.Scored, len(tiles))
	errs := make([]error, len(tiles))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(d.opts.Workers, len(tiles)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				perTile[i], errs[i] = d.runTile(img, tiles[i])
			}
		}()
	}
	for i := range tiles {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []box.Scored
	for i := range tiles {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, perTile[i]...)
	}
	merged := box.Suppress(box.WeightedMerge(all, mergeIoU), 1, containedFraction)
	var regions []anonymize.Region
	for _, c := range merged {
		if min(c.Box.X1-c.Box.X0, c.Box.Y1-c.Box.Y0) < float64(d.opts.MinFace)/2 {
			continue
		}
		face := c.Box.Scale(1, float64(b.Min.X), float64(b.Min.Y))
		r := face.Rect(b)
		if r.Empty() {
			continue
		}
		regions = append(regions, anonymize.Region{Class: anonymize.ClassFace, Box: r, Erase: face.Grow(FaceRegionScale).Rect(b),
			Score: c.Score, DetectorID: d.id})
	}
	return regions, nil
}

// runTile returns the tile's detections in image coordinates (relative to
// the image's origin).
func (d *Detector) runTile(img *image.RGBA, t tileSpan) ([]box.Scored, error) {
	in := d.model.tileInput(img, t)
	found, err := d.model.Run(in, t.netW, t.netH, d.opts.ScoreThreshold)
	putInput(in)
	if err != nil {
		return nil, err
	}
	k := t.w / float64(t.netW)
	for i := range found {
		found[i].Box = found[i].Box.Scale(k, t.x, t.y)
	}
	return found, nil
}
