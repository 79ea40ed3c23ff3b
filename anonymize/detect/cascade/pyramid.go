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
// A Pyramid holds the levels of the last image scanned with it, for the
// other cascades: a scan of another grey image (compared pixel by pixel,
// which costs far less than one level), or a second scan of the same one
// by the same cascade, starts afresh. So each cascade pays for the levels
// of every image it scans unless another cascade has just made them, and
// a benchmark repeating one frame measures what a stream of photos costs.
// It is safe for concurrent use; scans of different images simply replace
// each other's levels.
type Pyramid struct {
	mu    sync.Mutex
	last  *levels
	users int
}

// NewPyramid returns an empty Pyramid.
func NewPyramid() *Pyramid { return &Pyramid{} }

// register returns the user bit of a new cascade sharing p (0, no
// sharing, for a nil Pyramid or past 64 cascades).
func (p *Pyramid) register() uint64 {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.users == 64 {
		return 0
	}
	p.users++
	return 1 << (p.users - 1)
}

// levelsFor returns the levels of g for the cascade with the given user
// bit, reusing the last image's when g has the same pixels and that
// cascade has not scanned them yet. A nil Pyramid or a zero bit gives
// private levels.
func (p *Pyramid) levelsFor(g *raster.Gray, user uint64) *levels {
	if p == nil || user == 0 {
		return newLevels(g)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if l := p.last; l != nil && l.used&user == 0 && l.src.W == g.W && l.src.H == g.H && bytes.Equal(l.src.Pix, g.Pix) {
		l.used |= user
		return l
	}
	p.last = newLevels(g)
	p.last.used = user
	return p.last
}

// levels is one grey image and the downscaled copies made of it so far,
// by size. The source is never written after it is stored (Detect makes a
// fresh grey plane for every call).
type levels struct {
	src    *raster.Gray
	used   uint64 // user bits of the cascades that scanned it (Pyramid)
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
