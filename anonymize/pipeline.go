package anonymize

import (
	"fmt"
	"image"
	"slices"
	"time"

	"github.com/msec-city/msec/anonymize/fill"
)

// Pipeline anonymizes images: decode, detect, build the mask, zero every
// masked pixel, fill, encode. It works with any set of detectors, including
// none (then nothing is erased).
type Pipeline struct {
	Detectors []Detector
	Options   Options
}

// Timing is the wall time of one stage: "decode", "detect:<detector id>",
// "mask", "fill", "recheck" (the detectors' second look around PatchMatch
// fills), "encode".
type Timing struct {
	Stage    string
	Duration time.Duration
}

// Result is one anonymized image.
type Result struct {
	Output  []byte      // encoded output file
	Image   *image.RGBA // output pixels
	Report  *Report
	Timings []Timing
}

// Run anonymizes one encoded image. plate, when not nil, is the fixed
// camera's background (same size as the image); the auto fill then copies
// it into every hole.
func (p *Pipeline) Run(data []byte, plate *image.RGBA) (*Result, error) {
	params := p.Options.Params
	if err := params.Validate(); err != nil {
		return nil, err
	}
	res := &Result{}
	stage := func(name string, start time.Time) {
		res.Timings = append(res.Timings, Timing{name, time.Since(start)})
	}
	start := time.Now()
	img, format, err := Decode(data, p.Options.Limits)
	if err != nil {
		return nil, err
	}
	stage("decode", start)
	rep := &Report{
		Engine: CurrentEngine(),
		Input: ImageInfo{SHA256: HashBytes(data), Format: format,
			Width: img.Rect.Dx(), Height: img.Rect.Dy(), Bytes: len(data)},
		Profile:   p.Options.Profile,
		Params:    params,
		Detectors: []DetectorInfo{},
		Regions:   []RegionInfo{},
	}
	var regions []Region
	var ran []Detector
	for _, d := range p.Detectors {
		classes := wanted(d.Classes(), params.Classes)
		if len(classes) == 0 {
			continue
		}
		start = time.Now()
		found, err := d.Detect(img)
		if err != nil {
			return nil, fmt.Errorf("detector %s: %w", d.ID(), err)
		}
		stage("detect:"+d.ID(), start)
		ran = append(ran, d)
		rep.Detectors = append(rep.Detectors, DetectorInfo{ID: d.ID(), Classes: classes, ModelSHA256: d.ModelHash()})
		for _, r := range found {
			r.Box = r.Box.Intersect(img.Rect)
			r.Erase = r.Erase.Intersect(img.Rect)
			if r.Box.Empty() || !slices.Contains(classes, r.Class) {
				continue
			}
			regions = append(regions, r)
			rep.Regions = append(rep.Regions, regionInfo(r))
		}
	}
	start = time.Now()
	m, radii := BuildMask(img.Rect.Dx(), img.Rect.Dy(), regions, params.Mask)
	rep.Mask = maskInfo(m, radii)
	stage("mask", start)
	start = time.Now()
	seed, err := redact(img, m, plate, rep)
	if err != nil {
		return nil, err
	}
	labels, plan := fill.Plan(m, plate != nil, params.Fill)
	if params.Fill.Method == fill.Auto {
		teleaForFaces(labels, img.Rect.Dx(), plan, regions)
	}
	var checking time.Duration
	recheckWith := ran
	if p.Options.SkipRecheck {
		recheckWith = nil
	}
	out, done, err := fillChecked(img, m, labels, plan, plate, params.Fill, seed, recheckWith, &checking)
	if err != nil {
		return nil, err
	}
	rep.Components = done
	img = out
	stage("fill", start.Add(checking))
	res.Timings = append(res.Timings, Timing{"recheck", checking})
	start = time.Now()
	if err := finish(img, params, rep, res); err != nil {
		return nil, err
	}
	stage("encode", start)
	return res, nil
}

// wanted is the classes a detector reports that the parameters erase.
func wanted(have, erase []Class) []Class {
	var out []Class
	for _, c := range AllClasses {
		if slices.Contains(have, c) && slices.Contains(erase, c) {
			out = append(out, c)
		}
	}
	return out
}

func rectInfo(r image.Rectangle) [4]int { return [4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

func regionInfo(r Region) RegionInfo {
	ri := RegionInfo{Class: r.Class, Box: rectInfo(r.Box), Score: r.Score, Detector: r.DetectorID}
	if e := r.EraseBox(); e != r.Box {
		ei := rectInfo(e)
		ri.Erase = &ei
	}
	if r.Mask != nil {
		for _, a := range r.Mask.Pix {
			if a != 0 {
				ri.MaskPixels++
			}
		}
	}
	return ri
}
