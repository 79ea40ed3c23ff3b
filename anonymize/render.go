package anonymize

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"

	"github.com/msec-city/msec/anonymize/fill"
	"github.com/msec-city/msec/anonymize/mask"
)

// maskInfo records the final mask in a report.
func maskInfo(m *mask.Mask, radii MaskRadii) MaskInfo {
	rle := mask.EncodeRLE(m)
	return MaskInfo{Width: m.W, Height: m.H, Pixels: m.Count(), Radii: radii, RLE: rle, SHA256: mask.HashRLE(rle)}
}

// redact sets every masked pixel to zero (so no private pixel can reach the
// output), records the redacted image's hash and the plate's, and returns
// the fill seed: the first 8 bytes of the redacted hash, which private
// pixels therefore cannot change.
func redact(img *image.RGBA, m *mask.Mask, plate *image.RGBA, rep *Report) (uint64, error) {
	if m.W != img.Rect.Dx() || m.H != img.Rect.Dy() {
		return 0, fmt.Errorf("mask %dx%d does not match image %dx%d", m.W, m.H, img.Rect.Dx(), img.Rect.Dy())
	}
	if plate != nil {
		if plate.Rect != img.Rect {
			return 0, fmt.Errorf("background plate %v does not match image %v", plate.Rect, img.Rect)
		}
		rep.Background = &PlateInfo{PixelsSHA256: PixelHash(plate)}
	}
	for i, v := range m.Pix {
		if v != 0 {
			clear(img.Pix[4*i : 4*i+4])
		}
	}
	rep.RedactedSHA256 = PixelHash(img)
	rep.Seed = rep.RedactedSHA256[:16]
	seed, err := hex.DecodeString(rep.Seed)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(seed), nil
}

// applyPlan fills a copy of the redacted image with the plan.
func applyPlan(redacted *image.RGBA, m *mask.Mask, labels []int32, plan []fill.ComponentFill, plate *image.RGBA, p fill.Params, seed uint64) (*image.RGBA, []fill.ComponentFill, error) {
	out := image.NewRGBA(redacted.Rect)
	copy(out.Pix, redacted.Pix)
	done, err := fill.Apply(out, m, labels, plan, plate, p, seed)
	if err != nil {
		return nil, nil, err
	}
	if done == nil {
		done = []fill.ComponentFill{}
	}
	return out, done, nil
}

// finish encodes the filled image and records the output hashes.
func finish(img *image.RGBA, params Params, rep *Report, res *Result) error {
	out, err := Encode(img, params.Output)
	if err != nil {
		return err
	}
	rep.Output = OutputInfo{SHA256: HashBytes(out), PixelsSHA256: PixelHash(img), Format: params.Output.Format, Bytes: len(out)}
	res.Output, res.Image, res.Report = out, img, rep
	return nil
}
