package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/eval/recall"
)

// dumpedRegion is one detection in the -dump file.
type dumpedRegion struct {
	Class anonymize.Class `json:"class"`
	Box   [4]int          `json:"box"`
	Score float64         `json:"score"`
}

// writeDump writes every detector's raw detections per image as JSON
// (image path -> detector name -> regions), so two builds can be compared
// exactly: a change meant to be a pure speed-up must leave it unchanged.
func writeDump(path string, run *recall.Run) error {
	out := map[string]map[string][]dumpedRegion{}
	for i, im := range run.Images {
		key := im.Label.Path
		if im.Label.Scale != 0 && im.Label.Scale != 1 {
			key += fmt.Sprintf("@%g", im.Label.Scale)
		}
		per := map[string][]dumpedRegion{}
		for name, byImage := range run.Detections {
			regions := []dumpedRegion{}
			for _, r := range byImage[i] {
				regions = append(regions, dumpedRegion{Class: r.Class, Box: [4]int{r.Box.Min.X, r.Box.Min.Y, r.Box.Max.X, r.Box.Max.Y}, Score: r.Score})
			}
			per[name] = regions
		}
		out[key] = per
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
