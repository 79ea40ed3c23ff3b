package cascade

import (
	"image"
	"math"
	"sync"

	"github.com/msec-city/msec/anonymize/detect/raster"
)

// ScanParams control the multi-scale search.
type ScanParams struct {
	MinWidth     int     // smallest object width in image pixels (>= the cascade's window width)
	MaxWidth     int     // largest object width; 0 = image width
	ScaleFactor  float64 // pyramid step, e.g. 1.1
	MinNeighbors int     // hits an object needs beyond the first (OpenCV's minNeighbors)
	GroupEps     float64 // similarity for grouping, OpenCV's 0.2
}

// Hit is a grouped detection with the number of raw windows behind it.
type Hit struct {
	Rect    image.Rectangle
	Support int
}

// Scan slides the cascade's window over an image pyramid: at each level the
// grey image is shrunk by the level's scale so the object appears at the
// cascade's window size, every window is classified (step 2 pixels while
// the scale is at most 2, else 1, as OpenCV), and hits are grouped.
func (c *Cascade) Scan(g *raster.Gray, p ScanParams) []Hit {
	return c.scan(newLevels(g), p, nil)
}

// scan is Scan over levels that may be shared with other cascades, over
// the windows f keeps.
func (c *Cascade) scan(lv *levels, p ScanParams, f *focus) []Hit {
	rects, support := groupRects(c.windows(lv, p, f), p.MinNeighbors, p.GroupEps)
	out := make([]Hit, len(rects))
	for i := range rects {
		out[i] = Hit{Rect: rects[i], Support: support[i]}
	}
	return out
}

// tablePool keeps integral tables' memory between scans: a 1080p frame's
// first level needs 12 MB, which would otherwise be allocated (and
// zeroed) by every scan. Every entry a scan reads is written first
// (tables), so what a previous scan left there does not matter.
var tablePool = sync.Pool{New: func() any { return new(tables) }}

// windows returns every accepted window among those f keeps, in image
// pixels, level by level and in raster order within a level.
func (c *Cascade) windows(lv *levels, p ScanParams, f *focus) []image.Rectangle {
	g := lv.src
	if p.MaxWidth == 0 || p.MaxWidth > g.W {
		p.MaxWidth = g.W
	}
	var hits []image.Rectangle
	buf := tablePool.Get().(*tables)
	defer tablePool.Put(buf)
	tilted := c.hasTilted()
	var cc *compiled
	for scale := float64(p.MinWidth) / float64(c.W); ; scale *= p.ScaleFactor {
		winW, winH := float64(c.W)*scale, float64(c.H)*scale
		if winW > float64(p.MaxWidth) || winW > float64(g.W) || winH > float64(g.H) {
			break
		}
		sw, sh := int(math.Round(float64(g.W)/scale)), int(math.Round(float64(g.H)/scale))
		if sw < c.W || sh < c.H {
			break
		}
		in := buf.integral(lv.level(sw, sh).Pix, sw, sh, tilted)
		if cc == nil {
			cc = c.compile(sw+1, in.tiltedAt)
		} else {
			cc.restride(sw+1, in.tiltedAt)
		}
		step := 2
		if scale > 2 {
			step = 1
		}
		var xs []int
		var spans [][2]int
		axis := levelAxis(sw-c.W+1, scale)
		ww, wh := int(math.Round(winW)), int(math.Round(winH))
		for y := 0; y+c.H <= sh; y += step {
			xs = xs[:0]
			spans = f.spans(int(math.Round(float64(y)*scale)), wh, ww, axis, spans[:0])
			for _, s := range spans {
				xs = cc.rowHits(in, y, s[0], s[1], step, xs)
			}
			for _, x := range xs {
				x0, y0 := int(math.Round(float64(x)*scale)), int(math.Round(float64(y)*scale))
				hits = append(hits, image.Rect(x0, y0, x0+int(math.Round(winW)), y0+int(math.Round(winH))))
			}
		}
	}
	return hits
}

func (c *Cascade) hasTilted() bool {
	for _, f := range c.Features {
		if f.Tilted {
			return true
		}
	}
	return false
}
