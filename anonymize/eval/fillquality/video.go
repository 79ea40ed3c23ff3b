package main

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/msec-city/msec/anonymize/mask"
)

const (
	// maxBackgroundFrames are spread evenly over the video for the median.
	maxBackgroundFrames = 60
	scoredFrames        = 6
	// motionThreshold is the luma difference from the background that
	// marks a pixel as moving.
	motionThreshold = 30
)

// evalVideo fills the moving people of a few frames and scores the fill
// against the temporal-median background, the true background behind them.
func evalVideo(dir, pngs string) ([]trial, string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	var files []string
	for _, e := range entries {
		n := strings.ToLower(e.Name())
		if strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".jpg") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	if len(files) < 2*scoredFrames {
		return nil, "", fmt.Errorf("%s: %d frames, want at least %d", dir, len(files), 2*scoredFrames)
	}
	var stack []*image.RGBA
	step := max(1, len(files)/maxBackgroundFrames)
	for i := 0; i < len(files); i += step {
		img, err := loadImage(files[i])
		if err != nil {
			return nil, "", err
		}
		stack = append(stack, img)
	}
	bg := median(stack)
	if err := savePNG(filepath.Join(pngs, "vtest-background.png"), bg); err != nil {
		return nil, "", err
	}
	var trials []trial
	for k := 0; k < scoredFrames; k++ {
		idx := (2*k + 1) * len(files) / (2 * scoredFrames)
		frame, err := loadImage(files[idx])
		if err != nil {
			return nil, "", err
		}
		m := motionMask(frame, bg)
		if m.Count() == 0 {
			continue
		}
		band := sizeBand(m)
		if err := scoreMethods(frame, bg, m, fmt.Sprintf("vtest-%04d", idx), band, 0, pngs, &trials); err != nil {
			return nil, "", err
		}
	}
	note := fmt.Sprintf("%d frames in %s; median of %d of them; %d frames scored", len(files), dir, len(stack), scoredFrames)
	return trials, note, nil
}

// median is the per-channel temporal median.
func median(stack []*image.RGBA) *image.RGBA {
	out := image.NewRGBA(stack[0].Rect)
	vals := make([]uint8, len(stack))
	for i := range out.Pix {
		if i%4 == 3 {
			out.Pix[i] = 255
			continue
		}
		for k, s := range stack {
			vals[k] = s.Pix[i]
		}
		slices.Sort(vals)
		out.Pix[i] = vals[len(vals)/2]
	}
	return out
}

// motionMask marks pixels far from the background, removes specks and
// expands the rest as the pipeline would expand a detection.
func motionMask(frame, bg *image.RGBA) *mask.Mask {
	w, h := frame.Rect.Dx(), frame.Rect.Dy()
	m := mask.New(w, h)
	for i := range m.Pix {
		d := 0
		for c := 0; c < 3; c++ {
			d = max(d, absInt(int(frame.Pix[4*i+c])-int(bg.Pix[4*i+c])))
		}
		if d > motionThreshold {
			m.Pix[i] = 1
		}
	}
	r := (w + h) / 200
	return m.Open(1).Close(r).Dilate(r)
}

// sizeBand names a mask by its largest component's inscribed radius.
func sizeBand(m *mask.Mask) string {
	_, comps := m.Components()
	var r2 int64
	for _, c := range comps {
		r2 = max(r2, c.MaxSqDist)
	}
	switch {
	case r2 <= 15*15:
		return "small"
	case r2 <= 40*40:
		return "medium"
	}
	return "large"
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
