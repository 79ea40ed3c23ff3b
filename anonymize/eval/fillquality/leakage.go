package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/mask"
)

// leakRow is one image checked for leakage.
type leakRow struct {
	name                string
	regions, maskPct    float64
	overlapAny, overlap int // detections on the output touching / mostly inside the mask
	elsewhere           int // detections on the output away from the mask
	propertyOK          bool
	verifyOK            bool
}

// evalLeakage anonymizes every image with a profile's detectors and
// options, then runs every detector of the thorough profile on the output
// (so a cheaper profile is checked by the detectors it leaves out too): a
// detection overlapping the mask would mean the fill recreated (or left)
// something identifiable. It also checks, per image, that randomising the
// masked input pixels leaves the output bytes unchanged and that Verify
// accepts the report.
func evalLeakage(paths []string, models, profile string) ([]leakRow, error) {
	dets, err := detect.Default(detect.Options{ModelsDir: models, Profile: profile})
	if err != nil {
		return nil, err
	}
	checkers, err := detect.Default(detect.Options{ModelsDir: models, Profile: detect.Thorough})
	if err != nil {
		return nil, err
	}
	opts := anonymize.DefaultOptions()
	if err := detect.ApplyProfile(profile, &opts); err != nil {
		return nil, err
	}
	p := &anonymize.Pipeline{Detectors: dets, Options: opts}
	lim := p.Options.Limits
	var rows []leakRow
	for _, path := range paths {
		in, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		res, err := p.Run(in, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		m, err := mask.DecodeRLE(res.Report.Mask.RLE)
		if err != nil {
			return nil, err
		}
		row := leakRow{name: filepath.Base(path), regions: float64(len(res.Report.Regions)),
			maskPct: 100 * float64(res.Report.Mask.Pixels) / float64(m.W*m.H)}
		for _, d := range checkers {
			found, err := d.Detect(res.Image)
			if err != nil {
				return nil, err
			}
			for _, r := range found {
				in, area := maskedIn(m, r.Box), r.Box.Dx()*r.Box.Dy()
				switch {
				case in == 0:
					row.elsewhere++
				case 2*in >= area:
					row.overlap++
					row.overlapAny++
				default:
					row.overlapAny++
				}
			}
		}
		row.propertyOK, err = randomisedSame(in, res, m, lim)
		if err != nil {
			return nil, err
		}
		row.verifyOK = anonymize.Verify(in, res.Report, nil, lim) == nil
		rows = append(rows, row)
	}
	return rows, nil
}

// maskedIn counts the masked pixels inside r.
func maskedIn(m *mask.Mask, r image.Rectangle) int {
	r = r.Intersect(m.Rect())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if m.Pix[y*m.W+x] != 0 {
				n++
			}
		}
	}
	return n
}

// randomisedSame replaces every masked input pixel by noise, re-encodes the
// input losslessly and recomputes: the output must be the same bytes.
func randomisedSame(in []byte, res *anonymize.Result, m *mask.Mask, lim anonymize.Limits) (bool, error) {
	img, _, err := anonymize.Decode(in, lim)
	if err != nil {
		return false, err
	}
	rng := rand.New(rand.NewPCG(uint64(len(in)), 99))
	for i, v := range m.Pix {
		if v != 0 {
			for c := 0; c < 3; c++ {
				img.Pix[4*i+c] = uint8(rng.IntN(256))
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return false, err
	}
	// The noisy input is PNG, so its hash differs: recompute from a copy of
	// the report that names it.
	rep := *res.Report
	got, err := anonymize.Recompute(buf.Bytes(), &rep, nil, lim)
	if err != nil {
		return false, err
	}
	return bytes.Equal(got.Image.Pix, res.Image.Pix), nil
}

// leakageInputs are the evaluation stills plus every 40th vtest frame.
func leakageInputs(data string, stills []string, frames string) []string {
	var out []string
	for _, s := range stills {
		out = append(out, filepath.Join(data, s))
	}
	if frames == "" {
		return out
	}
	entries, err := os.ReadDir(frames)
	if err != nil {
		return out
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".jpg") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for i, n := range names {
		if i%8 == 0 { // frames are every 5th of the video: every 40th
			out = append(out, filepath.Join(frames, n))
		}
	}
	return out
}
