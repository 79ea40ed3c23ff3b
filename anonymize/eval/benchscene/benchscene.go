// Package benchscene builds the speed benchmark's inputs: photos scaled to
// 1920×1080, and a fixed set of pedestrian regions that gives the fill a
// realistic load. The speed bench and outhash (which compares builds byte
// for byte on the same inputs) share it.
package benchscene

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"os"

	"golang.org/x/image/draw"

	"github.com/msec-city/msec/anonymize"
)

// Width and Height are the benchmark's frame size.
const Width, Height = 1920, 1080

// ScaledJPEG resizes a photo to Width×Height and encodes it as a
// quality-90 JPEG, the kind of file a phone uploads.
func ScaledJPEG(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	src, _, err := anonymize.Decode(raw, anonymize.DefaultOptions().Limits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dst := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 90}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Pedestrians adds four 120×360 person regions (8.3% of a 1080p frame, the
// research note's Telea baseline; more once expanded and with shadows) so
// the fill stage has a realistic load.
type Pedestrians struct{}

func (Pedestrians) ID() string                 { return "bench-4-pedestrians" }
func (Pedestrians) Classes() []anonymize.Class { return []anonymize.Class{anonymize.ClassPerson} }
func (Pedestrians) ModelHash() string          { return "" }
func (Pedestrians) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	if img.Rect.Dx() != Width || img.Rect.Dy() != Height {
		return nil, nil // the pipeline's recheck crops: nothing there
	}
	var out []anonymize.Region
	for k := 0; k < 4; k++ {
		out = append(out, anonymize.Region{Class: anonymize.ClassPerson, Box: image.Rect(200+k*420, 560, 320+k*420, 920),
			Score: 1, DetectorID: "bench-4-pedestrians"})
	}
	return out, nil
}
