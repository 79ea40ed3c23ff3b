package anonymize

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
)

// Encode writes img in the chosen output format. PNG is lossless, so the
// pixel hash never depends on the compressor: opaque images (every
// pipeline output) go through encodeOpaquePNG, others through Go's encoder
// at its fastest compression level.
func Encode(img *image.RGBA, out OutputParams) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch out.Format {
	case "png":
		if opaque(img) {
			return encodeOpaquePNG(img)
		}
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		err = enc.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: out.JPEGQuality})
	default:
		return nil, fmt.Errorf("encode: output format %q: want png or jpeg", out.Format)
	}
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", out.Format, err)
	}
	return buf.Bytes(), nil
}

// HashBytes is the hex SHA-256 of data.
func HashBytes(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// pixelHashMagic starts the bytes PixelHash digests.
const pixelHashMagic = "MSECRGBA1"

// PixelHash is the hex SHA-256 of "MSECRGBA1", the width and height as
// big-endian uint32, then the RGBA bytes row by row. Unlike a file hash it
// does not depend on an encoder.
func PixelHash(img *image.RGBA) string {
	h := sha256.New()
	var hdr [len(pixelHashMagic) + 8]byte
	copy(hdr[:], pixelHashMagic)
	b := img.Bounds()
	binary.BigEndian.PutUint32(hdr[len(pixelHashMagic):], uint32(b.Dx()))
	binary.BigEndian.PutUint32(hdr[len(pixelHashMagic)+4:], uint32(b.Dy()))
	h.Write(hdr[:])
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		h.Write(img.Pix[i : i+4*b.Dx()])
	}
	return hex.EncodeToString(h.Sum(nil))
}
