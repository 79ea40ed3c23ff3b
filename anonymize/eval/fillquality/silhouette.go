package main

import (
	"image"
	"image/color"
)

// silhouette draws a standing person of the given height whose feet touch
// (cx, bottom): head, torso, arms and two legs, as a region mask.
func silhouette(cx, bottom, height int) (*image.Alpha, image.Rectangle) {
	h := height
	box := image.Rect(cx-h/5, bottom-h, cx+h/5+1, bottom)
	a := image.NewAlpha(box)
	fill := func(r image.Rectangle) {
		r = r.Intersect(box)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				a.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
	top := bottom - h
	hr := h / 14 // head radius
	hc := image.Pt(cx, top+hr)
	for y := hc.Y - hr; y <= hc.Y+hr; y++ {
		for x := hc.X - hr; x <= hc.X+hr; x++ {
			if (x-hc.X)*(x-hc.X)+(y-hc.Y)*(y-hc.Y) <= hr*hr {
				a.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
	neck := top + 2*hr
	hip := top + h*11/20
	fill(image.Rect(cx-h/9, neck, cx+h/9, hip))          // torso
	fill(image.Rect(cx-h/6, neck+h/40, cx-h/9, top+h/2)) // left arm
	fill(image.Rect(cx+h/9, neck+h/40, cx+h/6, top+h/2)) // right arm
	fill(image.Rect(cx-h/10, hip, cx-h/80, bottom))      // left leg
	fill(image.Rect(cx+h/80, hip, cx+h/10, bottom))      // right leg
	return a, box
}
