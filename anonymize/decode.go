package anonymize

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
)

// Input errors; each returned error wraps one of them and says what failed.
var (
	ErrNotImage = errors.New("not a JPEG or PNG image")
	ErrTooLarge = errors.New("image too large")
	ErrCorrupt  = errors.New("corrupt image")
)

// Sniff names the format of data from its first bytes: "jpeg", "png" or "".
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	}
	return ""
}

// Decode checks data against the limits, then decodes it into an opaque
// RGBA image at the origin (transparent pixels become black). Dimensions are
// checked from the header before any pixel is decoded.
func Decode(data []byte, lim Limits) (*image.RGBA, string, error) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, "", fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	format := Sniff(data)
	var decodeConfig func(*bytes.Reader) (image.Config, error)
	var decode func(*bytes.Reader) (image.Image, error)
	switch format {
	case "jpeg":
		decodeConfig = func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }
		decode = func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) }
	case "png":
		decodeConfig = func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }
		decode = func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) }
	default:
		return nil, "", fmt.Errorf("%w: unknown signature", ErrNotImage)
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("%w: %s header: %v", ErrCorrupt, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, "", fmt.Errorf("%w: %s of %dx%d pixels", ErrCorrupt, format, cfg.Width, cfg.Height)
	}
	if lim.MaxSide > 0 && max(cfg.Width, cfg.Height) > lim.MaxSide {
		return nil, "", fmt.Errorf("%w: %dx%d, longest side limit %d", ErrTooLarge, cfg.Width, cfg.Height, lim.MaxSide)
	}
	if lim.MaxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return nil, "", fmt.Errorf("%w: %dx%d, pixel limit %d", ErrTooLarge, cfg.Width, cfg.Height, lim.MaxPixels)
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("%w: %s: %v", ErrCorrupt, format, err)
	}
	return toRGBA(img), format, nil
}

// toRGBA copies img into an opaque RGBA image whose bounds start at (0,0).
func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	for i := 3; i < len(out.Pix); i += 4 {
		out.Pix[i] = 0xff
	}
	return out
}
