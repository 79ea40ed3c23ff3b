package main

import (
	"fmt"
	"image"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/mask"
)

// bands are person heights as a fraction of the image height.
var bands = []struct {
	name  string
	ratio float64
}{{"small", 0.12}, {"medium", 0.25}, {"large", 0.5}}

const placements = 4

// evalStill places person-shaped masks (built exactly as the pipeline
// builds a person region's mask: cleaned, expanded, with its shadow) at
// seeded random spots and fills them with each method.
func evalStill(path, pngs string) ([]trial, error) {
	img, err := loadImage(path)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rng := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	var trials []trial
	for _, b := range bands {
		ph := int(b.ratio * float64(h))
		for k := 0; k < placements; k++ {
			cx := ph/4 + rng.IntN(w-ph/2)
			bottom := ph + rng.IntN(h-ph-ph/10)
			alpha, box := silhouette(cx, bottom, ph)
			m, _ := anonymize.BuildMask(w, h, []anonymize.Region{{Class: anonymize.ClassPerson, Box: box, Mask: alpha}},
				anonymize.DefaultOptions().Mask)
			if err := scoreMethods(img, img, m, base, b.name, k, pngs, &trials); err != nil {
				return nil, err
			}
		}
	}
	return trials, nil
}

// scoreMethods fills m in img with every method, appends the trials, and
// saves PNGs of the first placement.
func scoreMethods(img, truth *image.RGBA, m *mask.Mask, source, band string, k int, pngs string, trials *[]trial) error {
	for _, method := range methods {
		out, t, err := fillOne(img, truth, m, method)
		if err != nil {
			return err
		}
		t.source, t.band = source, band
		*trials = append(*trials, t)
		if k == 0 {
			if err := savePNG(filepath.Join(pngs, fmt.Sprintf("%s-%s-%s.png", source, band, method)), out); err != nil {
				return err
			}
		}
	}
	if k == 0 {
		return savePNG(filepath.Join(pngs, fmt.Sprintf("%s-%s-mask.png", source, band)), erasedCopy(img, m))
	}
	return nil
}
