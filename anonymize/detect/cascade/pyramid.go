package cascade

import (
	"bytes"
	"sync"

	"github.com/msec-city/msec/anonymize/detect/raster"
)

// Pyramid shares the resampled grey levels of one image between the
// cascades given it (Options.Pyramid). Scans that start at the same scale
// and grow by the same factor resample the same levels: the full-body
// (28 px wide window, searched from 56 px) and plate (60 px, from 120 px)
// cascades both start at scale 2 and grow by 1.1, so every level the
// full-body scan needs is one the plate scan needs too, and resampling is
// about a third of each scan. A level is a pure function of the grey
// image and its size, so a shared one gives the same windows as a
// private one.
//
// A Pyramid holds the levels of the last image scanned with it; a scan of
// any other grey image (compared pixel by pixel, which costs far less than
// one level) starts afresh. It is safe for concurrent use; scans of
// different images simply replace each other's levels.
type Pyramid struct {
	mu   sync.Mutex
	last *levels
}

// NewPyramid returns an empty Pyramid.
func NewPyramid() *Pyramid { return &Pyramid{} }

// levelsFor returns the levels of g, reusing the last image's when g has
// the same pixels. A nil Pyramid gives private levels.
func (p *Pyramid) levelsFor(g *raster.Gray) *levels {
	if p == nil {
		return newLevels(g)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if l := p.last; l != nil && l.src.W == g.W && l.src.H == g.H && bytes.Equal(l.src.Pix, g.Pix) {
		return l
	}
	p.last = newLevels(g)
	return p.last
}

// levels is one grey image and the downscaled copies made of it so far,
// by size. The source is never written after it is stored (Detect makes a
// fresh grey plane for every call).
type levels struct {
	src    *raster.Gray
	mu     sync.Mutex
	bySize map[[2]int]*raster.Gray
}

func newLevels(g *raster.Gray) *levels {
	return &levels{src: g, bySize: map[[2]int]*raster.Gray{}}
}

// level returns the source area-resampled to w x h (the source itself at
// its own size), computing it on first use.
func (l *levels) level(w, h int) *raster.Gray {
	if w == l.src.W && h == l.src.H {
		return l.src
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	k := [2]int{w, h}
	g, ok := l.bySize[k]
	if !ok {
		g = l.src.Downscale(w, h)
		l.bySize[k] = g
	}
	return g
}
