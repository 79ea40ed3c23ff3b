package anonymize

import (
	"fmt"

	"github.com/msec-city/msec/anonymize/mask"
)

// checkRegionsMasked checks that the mask erases every whole-box region the
// report lists: its erased area (Erase when given, else Box) must be masked
// throughout. BuildMask only adds pixels around box regions, so a report
// whose mask leaves part of a listed detection unerased was not made by
// this engine. Regions with their own pixel mask are skipped: the opening
// may legitimately drop their specks.
func checkRegionsMasked(m *mask.Mask, regions []RegionInfo) error {
	for i, r := range regions {
		if r.MaskPixels != 0 {
			continue
		}
		b := r.Box
		if r.Erase != nil {
			b = *r.Erase
		}
		x0, y0, x1, y1 := max(b[0], 0), max(b[1], 0), min(b[2], m.W), min(b[3], m.H)
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if m.Pix[y*m.W+x] == 0 {
					return fmt.Errorf("verify: region %d (%s %v) is not erased at (%d,%d)", i, r.Class, b, x, y)
				}
			}
		}
	}
	return nil
}
