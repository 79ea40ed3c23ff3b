package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/detect/raster"
	"github.com/msec-city/msec/anonymize/eval/recall"
)

// writeSubsets times the thorough set's detectors on the benchmark frame
// (vtest.avi frame 560 tiled over 1920x1080, as make
// bench-anonymizer-detect) and writes the subset table.
func writeSubsets(w io.Writer, run *recall.Run, names []string, dets []anonymize.Detector, evalDir string, runs int) error {
	members := detect.Profiles[detect.Thorough].Detectors
	img, err := raster.LoadRGBA(filepath.Join(evalDir, "vtest", "vtest_0560.jpg"))
	if err != nil {
		return fmt.Errorf("%w (run `make setup`)", err)
	}
	frame := detecttest.Tile1080p(img)
	var sel []anonymize.Detector
	for _, m := range members {
		sel = append(sel, dets[slices.Index(names, m)])
	}
	cost, err := recall.CostPerFrame(members, sel, frame, runs)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("each detector timed alone on vtest.avi frame 560 tiled over the frame (one warm-up, mean of %d runs, process CPU time, GOMAXPROCS %d)", runs, runtime.GOMAXPROCS(0))
	recall.WriteSubsets(w, run, members, cost, note)
	return nil
}
