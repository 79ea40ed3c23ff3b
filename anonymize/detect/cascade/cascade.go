// Package cascade evaluates OpenCV's boosted Haar cascades (the XML files
// Debian's opencv-data ships, old and new format, including 45-degree
// tilted features) in pure Go: integral images, stage thresholds, a
// multi-scale sliding window over an image pyramid, and OpenCV-style
// grouping of overlapping hits.
package cascade

// Cascade is a boosted classifier over Haar features for a W x H window.
type Cascade struct {
	W, H     int
	Stages   []Stage
	Features []Feature
}

// Stage accepts a window when the sum of its trees' leaf values reaches
// Threshold.
type Stage struct {
	Threshold float32
	Trees     []Tree
}

// Tree is a small decision tree. Evaluation starts at node 0; a child
// index > 0 is another node, <= 0 means leaf -index.
type Tree struct {
	Nodes  []Node
	Leaves []float32
}

// Node compares one feature's normalised value with Threshold: below goes
// Left, otherwise Right.
type Node struct {
	Feature     int
	Threshold   float32
	Left, Right int
}

// Feature is a weighted sum of up to three rectangle sums, upright or
// rotated by 45 degrees.
type Feature struct {
	Tilted bool
	Rects  []WeightedRect
}

// WeightedRect is a rectangle in window coordinates. For tilted features
// (X, Y) is the top corner and the rectangle extends W down-right and H
// down-left, as in OpenCV.
type WeightedRect struct {
	X, Y, W, H int
	Weight     float32
}
