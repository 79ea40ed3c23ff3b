// Package fill replaces the masked pixels of an image with plausible
// background.
//
// Every filler is deterministic: randomness comes from a PCG generator
// seeded by the caller, iteration follows raster order, integer arithmetic is
// used where it is cheap, and each floating-point product is rounded by an
// explicit conversion before it is added, so no platform can fuse it into a
// multiply-add with a different result. Only +, -, *, / and math.Sqrt (all
// correctly rounded) are used. Two machines therefore compute the same bytes.
//
// Fillers never read the values of masked pixels: callers may zero them (the
// anonymizer does), and the output does not change.
package fill

import (
	"errors"
	"fmt"
	"image"
	"math/rand/v2"
	"slices"

	"github.com/msec-city/msec/anonymize/mask"
)

// Method names a way to fill a hole.
type Method string

const (
	// Auto picks per hole component: the background plate when there is
	// one, Telea for thin or small holes, PatchMatch for the rest.
	Auto Method = "auto"
	// Telea is fast marching inpainting (Telea 2004).
	Telea Method = "telea"
	// PatchMatch is multi-scale PatchMatch with EM refinement (Wexler et
	// al. 2007, Barnes et al. 2009).
	PatchMatch Method = "patchmatch"
	// Plate copies a fixed camera's background plate.
	Plate Method = "plate"
)

// ParseMethod accepts the names of the Method constants.
func ParseMethod(s string) (Method, error) {
	switch m := Method(s); m {
	case Auto, Telea, PatchMatch, Plate:
		return m, nil
	}
	return "", fmt.Errorf("fill method %q: want auto, telea, patchmatch or plate", s)
}

// Params are every knob of the fillers; reports record them so that a
// second worker can recompute the fill.
type Params struct {
	Method Method `json:"method"`
	// TeleaRadius is the neighbourhood radius (pixels) Telea averages over.
	TeleaRadius int `json:"telea_radius"`
	// SmallRadius and SmallArea make Auto choose Telea: a component whose
	// widest inscribed disc has a radius of at most SmallRadius pixels
	// (thin), or whose area is at most SmallArea pixels (small).
	SmallRadius int `json:"small_radius"`
	SmallArea   int `json:"small_area"`
	// PatchSize is PatchMatch's patch side (odd).
	PatchSize int `json:"patch_size"`
	// WorkSide is the longest image side at which PatchMatch still runs EM;
	// finer levels are reconstructed from the upsampled nearest-neighbour
	// field. The default, 320, was 640 until the fill-quality evaluation
	// showed the same PSNR/SSIM within 0.12 dB / 0.01 at a third of the
	// time (bench/results/anonymizer-fill.md).
	WorkSide int `json:"work_side"`
	// EMIterations per pyramid level, PMIterations of PatchMatch per EM
	// step. EMIterations was 3 until the fill-quality evaluation showed 2
	// gives the same PSNR and SSIM (within 0.06 dB and 0.002 in every
	// size band) for about a fifth less PatchMatch time; 1 EM step, or 1
	// PatchMatch pass, loses 0.2-0.4 dB on small and medium holes.
	EMIterations int `json:"em_iterations"`
	PMIterations int `json:"pm_iterations"`
	// SeamWidth is the band (pixels) inside a PatchMatch hole's border that
	// is blended with Telea's fill to hide the seam.
	SeamWidth int `json:"seam_width"`
}

// DefaultParams are the engine's defaults.
func DefaultParams() Params {
	return Params{
		Method:       Auto,
		TeleaRadius:  5,
		SmallRadius:  6,
		SmallArea:    400,
		PatchSize:    9,
		WorkSide:     320,
		EMIterations: 2,
		PMIterations: 2,
		SeamWidth:    4,
	}
}

// Validate checks the parameters' ranges.
func (p Params) Validate() error {
	if _, err := ParseMethod(string(p.Method)); err != nil {
		return err
	}
	switch {
	case p.TeleaRadius < 1 || p.TeleaRadius > 32:
		return fmt.Errorf("fill telea_radius %d outside 1..32", p.TeleaRadius)
	case p.SmallRadius < 0 || p.SmallArea < 0:
		return errors.New("fill small_radius and small_area must not be negative")
	case p.PatchSize < 3 || p.PatchSize > 15 || p.PatchSize%2 == 0:
		return fmt.Errorf("fill patch_size %d not odd in 3..15", p.PatchSize)
	case p.WorkSide < 32:
		return fmt.Errorf("fill work_side %d below 32", p.WorkSide)
	case p.EMIterations < 1 || p.EMIterations > 50 || p.PMIterations < 1 || p.PMIterations > 50:
		return errors.New("fill em_iterations and pm_iterations must be in 1..50")
	case p.SeamWidth < 0 || p.SeamWidth > 64:
		return fmt.Errorf("fill seam_width %d outside 0..64", p.SeamWidth)
	}
	return nil
}

// ComponentFill says how one hole component was filled.
type ComponentFill struct {
	Label int `json:"label"`
	// Box is the component's bounds, [x0, y0, x1, y1).
	Box  [4]int `json:"box"`
	Area int    `json:"area"`
	// MaxRadius2 is the squared radius of the widest inscribed disc.
	MaxRadius2 int64  `json:"max_radius2"`
	Method     Method `json:"method"`
}

// Fill replaces every masked pixel of img in place: Plan, then Apply.
func Fill(img *image.RGBA, m *mask.Mask, plate *image.RGBA, p Params, seed uint64) ([]ComponentFill, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	labels, plan := Plan(m, plate != nil, p)
	return Apply(img, m, labels, plan, plate, p, seed)
}

// Plan labels the mask's 8-connected hole components (labels[i] is pixel
// i's component, 0 outside the mask) and chooses each one's method: the
// forced one, or Auto's rule.
func Plan(m *mask.Mask, hasPlate bool, p Params) (labels []int32, plan []ComponentFill) {
	labels, comps := m.Components()
	plan = make([]ComponentFill, len(comps))
	for i, c := range comps {
		b := c.Bounds
		plan[i] = ComponentFill{Label: c.Label, Box: [4]int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y},
			Area: c.Area, MaxRadius2: c.MaxSqDist, Method: choose(c, hasPlate, p)}
	}
	return labels, plan
}

// Apply fills every component of plan with its method, in place. img must
// be an opaque RGBA image at the origin with the mask's size; plate, when
// not nil, a background plate of the same size.
//
// Each component is filled from the unmasked pixels and its own pixels
// only, never from another component (whatever that one's method), and
// PatchMatch draws its randomness from a generator seeded by (seed, label).
// So a component's fill does not depend on the others, and changing one
// component's method (see Refill) leaves every other component's pixels as
// they are. It returns the plan as carried out: a PatchMatch component with
// no hole-free patch to copy from is filled by Telea and says so.
func Apply(img *image.RGBA, m *mask.Mask, labels []int32, plan []ComponentFill, plate *image.RGBA, p Params, seed uint64) ([]ComponentFill, error) {
	all := make([]int, len(plan))
	for i := range all {
		all[i] = i
	}
	return Refill(img, m, labels, plan, all, plate, p, seed)
}

// Refill fills the components of plan listed in which (plan indices) with
// their methods, in place, exactly as Apply would.
func Refill(img *image.RGBA, m *mask.Mask, labels []int32, plan []ComponentFill, which []int, plate *image.RGBA, p Params, seed uint64) ([]ComponentFill, error) {
	frame := image.Rect(0, 0, m.W, m.H)
	if img.Rect != frame || img.Stride != 4*m.W {
		return nil, fmt.Errorf("fill: image %v (stride %d) does not match mask %dx%d", img.Rect, img.Stride, m.W, m.H)
	}
	if plate != nil && (plate.Rect != frame || plate.Stride != 4*m.W) {
		return nil, fmt.Errorf("fill: plate %v does not match image %dx%d", plate.Rect, m.W, m.H)
	}
	plan = slices.Clone(plan)
	for i, c := range plan {
		if c.Label != i+1 {
			return nil, fmt.Errorf("fill: plan entry %d has label %d", i, c.Label)
		}
		switch c.Method {
		case Telea, PatchMatch:
		case Plate:
			if plate == nil {
				return nil, fmt.Errorf("fill: component %d: method plate needs a background plate", c.Label)
			}
		default:
			return nil, fmt.Errorf("fill: component %d: method %q", c.Label, c.Method)
		}
	}
	fr := newFrame(img.Pix, m.W, m.H, labels)
	defer fr.release()
	for _, i := range which {
		c := plan[i]
		box := image.Rect(c.Box[0], c.Box[1], c.Box[2], c.Box[3])
		switch c.Method {
		case Plate:
			fillPlate(img.Pix, plate.Pix, labels, int32(c.Label), box, m.W)
		case Telea:
			teleaComponent(fr, int32(c.Label), box, p.TeleaRadius)
		case PatchMatch:
			rng := rand.New(rand.NewPCG(seed, uint64(c.Label)^0x6d7365632d666c6c))
			if !patchMatchComponent(fr, int32(c.Label), box, p, rng) {
				// No hole-free patch to copy from.
				teleaComponent(fr, int32(c.Label), box, p.TeleaRadius)
				plan[i].Method = Telea
			}
		}
	}
	return plan, nil
}

// choose is the per-component method: the forced one, or Auto's rule.
func choose(c mask.Component, hasPlate bool, p Params) Method {
	if p.Method != Auto {
		return p.Method
	}
	switch {
	case hasPlate:
		return Plate
	case c.MaxSqDist <= int64(p.SmallRadius*p.SmallRadius) || c.Area <= p.SmallArea:
		return Telea
	}
	return PatchMatch
}

// fillPlate copies the plate's pixels into one component.
func fillPlate(dst, plate []uint8, labels []int32, label int32, box image.Rectangle, w int) {
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if i := y*w + x; labels[i] == label {
				copy(dst[4*i:4*i+3], plate[4*i:4*i+3])
				dst[4*i+3] = 0xff
			}
		}
	}
}
