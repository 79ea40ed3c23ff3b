// Command fillquality measures the fillers inside the mask: PSNR and SSIM of
// Telea and PatchMatch against ground truth, by hole size. Ground truth is
// (1) the original of people-free photos on which person-shaped masks are
// placed, and (2) the temporal-median background of a fixed camera's frames
// (vtest.avi), where the masks are the moving people. It writes a Markdown
// report and before/after PNGs.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

func main() {
	data := flag.String("data", "/usr/share/doc/opencv-doc/examples/data", "folder of the opencv-doc sample images")
	stills := flag.String("stills", "building.jpg,leuvenA.jpg,leuvenB.jpg", "people-free images in -data")
	frames := flag.String("frames", "", "folder of vtest.avi frames (PNG or JPEG); empty skips the video")
	leak := flag.String("leakage", "messi5.jpg,basketball1.png,basketball2.png,leuvenA.jpg,leuvenB.jpg,licenseplate_motion.jpg,building.jpg",
		"images in -data for the leakage check (with every 40th frame of -frames); empty skips it")
	models := flag.String("models", "", "models folder for the leakage check's detectors (default: the setup's)")
	out := flag.String("out", "bench/results/anonymizer-fill.md", "Markdown report")
	pngs := flag.String("pngs", "build/anonymizer-fill", "folder for before/after PNGs")
	profiles := flag.String("profiles", detect.Thorough+","+detect.Fast, "detector profiles whose outputs the leakage check examines")
	params := flag.String("fill-params", "", `JSON overriding the fill defaults for the Telea/PatchMatch comparison, e.g. {"em_iterations":3}`)
	flag.Parse()
	if *params != "" {
		if err := json.Unmarshal([]byte(*params), &fillParams); err != nil {
			fmt.Fprintln(os.Stderr, "fillquality: -fill-params:", err)
			os.Exit(2)
		}
		if err := fillParams.Validate(); err != nil {
			fmt.Fprintln(os.Stderr, "fillquality: -fill-params:", err)
			os.Exit(2)
		}
	}
	var leakPaths []string
	if *leak != "" {
		leakPaths = leakageInputs(*data, splitList(*leak), *frames)
	}
	if err := run(*data, splitList(*stills), *frames, *out, *pngs, leakPaths, *models, splitList(*profiles)); err != nil {
		fmt.Fprintln(os.Stderr, "fillquality:", err)
		os.Exit(1)
	}
}

// trial is one hole filled by one method.
type trial struct {
	source, band string
	method       fill.Method
	area, pixels int
	psnr, ssim   float64
	dur          time.Duration
}

var methods = []fill.Method{fill.Telea, fill.PatchMatch}

// fillParams are the fill parameters the comparison uses (the engine's
// defaults unless -fill-params overrides some); the method is forced per
// trial.
var fillParams = fill.DefaultParams()

// fillOne zeroes the masked pixels of a copy of img, fills it with method,
// and scores it against truth.
func fillOne(img, truth *image.RGBA, m *mask.Mask, method fill.Method) (*image.RGBA, trial, error) {
	work := image.NewRGBA(img.Rect)
	copy(work.Pix, img.Pix)
	for i, v := range m.Pix {
		if v != 0 {
			clear(work.Pix[4*i : 4*i+4])
		}
	}
	p := fillParams
	p.Method = method
	start := time.Now()
	if _, err := fill.Fill(work, m, nil, p, 1); err != nil {
		return nil, trial{}, err
	}
	t := trial{method: method, area: m.Count(), pixels: m.W * m.H, dur: time.Since(start),
		psnr: psnr(work, truth, m), ssim: ssim(work, truth, m)}
	return work, t, nil
}

func run(data string, stills []string, frames, out, pngs string, leakPaths []string, models string, profiles []string) error {
	if err := os.MkdirAll(pngs, 0o755); err != nil {
		return err
	}
	var trials []trial
	for _, name := range stills {
		ts, err := evalStill(filepath.Join(data, name), pngs)
		if err != nil {
			return err
		}
		trials = append(trials, ts...)
	}
	videoNote := "not run (no -frames folder given)"
	if frames != "" {
		ts, note, err := evalVideo(frames, pngs)
		if err != nil {
			return err
		}
		trials = append(trials, ts...)
		videoNote = note
	}
	leaks := map[string][]leakRow{}
	for _, prof := range profiles {
		if len(leakPaths) == 0 {
			break
		}
		rows, err := evalLeakage(leakPaths, models, prof)
		if err != nil {
			return fmt.Errorf("leakage, profile %s: %w", prof, err)
		}
		leaks[prof] = rows
	}
	return writeReport(out, trials, stills, videoNote, profiles, leaks)
}

func loadImage(path string) (*image.RGBA, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, _, err := anonymize.Decode(b, anonymize.DefaultOptions().Limits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

func savePNG(path string, img *image.RGBA) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func erasedCopy(img *image.RGBA, m *mask.Mask) *image.RGBA {
	c := image.NewRGBA(img.Rect)
	copy(c.Pix, img.Pix)
	for i, v := range m.Pix {
		if v != 0 {
			copy(c.Pix[4*i:4*i+4], []uint8{255, 0, 255, 255})
		}
	}
	return c
}

func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
