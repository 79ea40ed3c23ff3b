package recall

import (
	"fmt"
	"image"
	"runtime"
	"syscall"
	"time"

	"github.com/msec-city/msec/anonymize"
)

// processCPU is the CPU time (user + system) this process has used. On a
// machine shared with other jobs, wall time grows with their load; CPU
// time much less.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// CostPerFrame measures each detector's CPU seconds on frame (one warm-up
// run, then the mean of runs), keyed by name. The evaluation images are
// of every size, so their mean time says little about a phone photo;
// this is the figure subsets are compared on.
func CostPerFrame(names []string, dets []anonymize.Detector, frame *image.RGBA, runs int) (map[string]float64, error) {
	out := map[string]float64{}
	for i, d := range dets {
		if _, err := d.Detect(frame); err != nil {
			return nil, fmt.Errorf("%s: %w", names[i], err)
		}
		runtime.GC()
		start := processCPU()
		for range runs {
			if _, err := d.Detect(frame); err != nil {
				return nil, fmt.Errorf("%s: %w", names[i], err)
			}
		}
		out[names[i]] = (processCPU() - start).Seconds() / float64(runs)
	}
	return out, nil
}
