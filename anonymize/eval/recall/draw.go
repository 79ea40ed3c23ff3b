package recall

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

// Colours of drawn boxes: labels green, detections red.
var (
	labelColour     = color.RGBA{0, 255, 0, 255}
	detectionColour = color.RGBA{255, 0, 0, 255}
)

// DrawBoxes writes a PNG of img with label boxes in green and detection
// boxes in red, for checking labels and misses by eye.
func DrawBoxes(path string, img *image.RGBA, labels, detections []image.Rectangle) error {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	for _, r := range detections {
		outline(out, r, detectionColour)
	}
	for _, r := range labels {
		outline(out, r, labelColour)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, out); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func outline(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	for x := r.Min.X; x < r.Max.X; x++ {
		img.SetRGBA(x, r.Min.Y, c)
		img.SetRGBA(x, r.Max.Y-1, c)
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		img.SetRGBA(r.Min.X, y, c)
		img.SetRGBA(r.Max.X-1, y, c)
	}
}
