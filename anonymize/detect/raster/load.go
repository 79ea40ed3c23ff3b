package raster

import (
	"image"
	"image/draw"
	_ "image/jpeg" // evaluation media are JPEG and PNG
	_ "image/png"
	"os"
)

// LoadRGBA decodes a JPEG or PNG file into RGBA with origin (0, 0).
func LoadRGBA(path string) (*image.RGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, _, err := image.Decode(f)
	if err != nil {
		return nil, err
	}
	r := image.NewRGBA(image.Rect(0, 0, src.Bounds().Dx(), src.Bounds().Dy()))
	draw.Draw(r, r.Bounds(), src, src.Bounds().Min, draw.Src)
	return r, nil
}
