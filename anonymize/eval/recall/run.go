package recall

import (
	"fmt"
	"image"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect/motion"
	"github.com/msec-city/msec/anonymize/detect/raster"
)

// MotionName is the pseudo-detector name of the fixed-camera detector; it
// only applies to vtest frames.
const MotionName = "motion"

// vtestPrefix marks the frames of the fixed-camera sequence.
const vtestPrefix = "eval:vtest/"

// System is a set of detectors whose detections are pooled.
type System struct {
	Name    string
	Members []string
	// VtestOnly restricts scoring to the fixed-camera frames.
	VtestOnly bool
}

// Loaded is an evaluation image with its labels.
type Loaded struct {
	Label LabelImage
	Img   *image.RGBA
}

// Run holds every detector's detections on every image.
type Run struct {
	Images     []Loaded
	Detections map[string][][]anonymize.Region // detector -> image -> regions
	Seconds    map[string]float64              // detector -> mean seconds per image
	Hashes     map[string]string               // detector ID -> model hash
	IDs        map[string]string               // detector name -> ID
	Classes    map[string][]anonymize.Class    // detector name -> classes it reports
}

// LoadImages decodes every labelled image.
func LoadImages(lf *LabelFile, opencvData, evalDir string) ([]Loaded, error) {
	var out []Loaded
	for _, li := range lf.Images {
		p, err := Resolve(li.Path, opencvData, evalDir)
		if err != nil {
			return nil, err
		}
		img, err := raster.LoadRGBA(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (run `make setup`)", li.Path, err)
		}
		if li.Scale != 0 && li.Scale != 1 {
			img, li = shrink(img, li)
		}
		out = append(out, Loaded{Label: li, Img: img})
	}
	return out, nil
}

// shrink area-resamples the image by li.Scale and scales its boxes.
func shrink(img *image.RGBA, li LabelImage) (*image.RGBA, LabelImage) {
	s := li.Scale
	w, h := int(math.Round(float64(img.Bounds().Dx())*s)), int(math.Round(float64(img.Bounds().Dy())*s))
	f := raster.Resample(raster.RGBAView(img), raster.Span{W: float64(img.Bounds().Dx()), H: float64(img.Bounds().Dy())}, w, h, 3)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		for c := range 3 {
			out.Pix[4*i+c] = uint8(min(f[3*i+c]+0.5, 255))
		}
		out.Pix[4*i+3] = 255
	}
	scaled := li
	scaled.Path = fmt.Sprintf("%s@%g", li.Path, s)
	scaled.Objects = make([]Object, len(li.Objects))
	for i, o := range li.Objects {
		o.Box = [4]int{int(math.Floor(float64(o.Box[0]) * s)), int(math.Floor(float64(o.Box[1]) * s)), int(math.Ceil(float64(o.Box[2]) * s)), int(math.Ceil(float64(o.Box[3]) * s))}
		scaled.Objects[i] = o
	}
	return out, scaled
}

// Detect runs each named detector on every image (motion only on vtest
// frames, with its background built from all extracted vtest frames).
func Detect(images []Loaded, names []string, dets []anonymize.Detector, evalDir string) (*Run, error) {
	r := &Run{Images: images, Detections: map[string][][]anonymize.Region{}, Seconds: map[string]float64{}, Hashes: map[string]string{}, IDs: map[string]string{}, Classes: map[string][]anonymize.Class{}}
	for i, d := range dets {
		if err := r.detectAll(names[i], d, func(Loaded) bool { return true }); err != nil {
			return nil, err
		}
	}
	m, err := buildMotion(evalDir)
	if err != nil {
		return nil, err
	}
	isVtest := func(l Loaded) bool { return strings.HasPrefix(l.Label.Path, vtestPrefix) }
	if err := r.detectAll(MotionName, m, isVtest); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Run) detectAll(name string, d anonymize.Detector, applies func(Loaded) bool) error {
	per := make([][]anonymize.Region, len(r.Images))
	var total time.Duration
	n := 0
	for i, l := range r.Images {
		if !applies(l) {
			continue
		}
		start := time.Now()
		regs, err := d.Detect(l.Img)
		if err != nil {
			return fmt.Errorf("%s on %s: %w", name, l.Label.Path, err)
		}
		total += time.Since(start)
		n++
		per[i] = regs
	}
	r.Detections[name] = per
	r.Seconds[name] = total.Seconds() / float64(max(n, 1))
	r.IDs[name] = d.ID()
	r.Classes[name] = d.Classes()
	r.Hashes[d.ID()] = d.ModelHash()
	return nil
}

// buildMotion learns the vtest background from every extracted frame.
func buildMotion(evalDir string) (*motion.Detector, error) {
	paths, err := filepath.Glob(filepath.Join(evalDir, "vtest", "vtest_*.jpg"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no vtest frames in %s (run `make setup`)", filepath.Join(evalDir, "vtest"))
	}
	slices.Sort(paths)
	frames := make([]*image.RGBA, len(paths))
	for i, p := range paths {
		if frames[i], err = raster.LoadRGBA(p); err != nil {
			return nil, err
		}
	}
	return motion.New(frames, motion.Options{})
}

// Pooled returns a system's detections on image i (nil when the system
// does not apply there).
func (r *Run) Pooled(s System, i int) ([]anonymize.Region, bool) {
	if s.VtestOnly && !strings.HasPrefix(r.Images[i].Label.Path, vtestPrefix) {
		return nil, false
	}
	var out []anonymize.Region
	for _, m := range s.Members {
		out = append(out, r.Detections[m][i]...)
	}
	return out, true
}
