// Command speed benchmarks the anonymizer pipeline at 1920×1080 on one core
// (run it with GOMAXPROCS=1): time per stage (decode, each detector, mask,
// fill, encode) and images per second per core, written as Markdown.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/eval/benchscene"
)

func main() {
	data := flag.String("data", "/usr/share/doc/opencv-doc/examples/data", "opencv-doc sample images")
	frames := flag.String("frames", "build/eval/anonymizer/vtest", "vtest.avi frames")
	models := flag.String("models", "", "models folder (default: the setup's)")
	runs := flag.Int("runs", 5, "runs per image; each stage reports its fastest run")
	out := flag.String("out", "bench/results/anonymizer.md", "Markdown report")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	profiles := flag.String("profiles", strings.Join([]string{detect.Thorough, detect.Fast}, ","), "detector profiles to time (detect.Profiles), comma-separated")
	flag.Parse()
	err := profiled(*cpuProfile, func() error { return run(*data, *frames, *models, strings.Split(*profiles, ","), *runs, *out) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "speed:", err)
		os.Exit(1)
	}
}

// profiled runs fn, under a CPU profile written to path unless path is "".
func profiled(path string, fn func() error) error {
	if path == "" {
		return fn()
	}
	stop, err := startProfile(path)
	if err != nil {
		return err
	}
	defer stop()
	return fn()
}

// startProfile starts a CPU profile; the returned function ends it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// scene is one benchmark input.
type scene struct {
	name  string
	input []byte
	extra []anonymize.Detector
	// alone runs only the extra detectors: the engine's own cost, the
	// same for every profile, so it is timed once.
	alone bool
}

func run(data, frames, models string, profiles []string, runs int, out string) error {
	var scenes []scene
	for _, s := range []struct{ name, path string }{
		{"messi5.jpg (faces)", filepath.Join(data, "messi5.jpg")},
		{"vtest frame 400 (pedestrians)", filepath.Join(frames, "vtest_0400.jpg")},
		{"leuvenA.jpg + 4 pedestrian regions (8.3% mask)", filepath.Join(data, "leuvenA.jpg")},
	} {
		in, err := benchscene.ScaledJPEG(s.path)
		if err != nil {
			return err
		}
		sc := scene{name: s.name, input: in}
		if s.name[:6] == "leuven" {
			sc.extra = []anonymize.Detector{benchscene.Pedestrians{}}
			scenes = append(scenes, scene{name: "leuvenA.jpg + 4 pedestrian regions, no other detector (engine only)",
				input: in, extra: sc.extra, alone: true})
		}
		scenes = append(scenes, sc)
	}
	var rows []result
	for i, prof := range profiles {
		dets, err := detect.Default(detect.Options{ModelsDir: models, Profile: prof})
		if err != nil {
			return err
		}
		opts := anonymize.DefaultOptions()
		if err := detect.ApplyProfile(prof, &opts); err != nil {
			return err
		}
		for _, sc := range scenes {
			if sc.alone && i > 0 {
				continue
			}
			r, err := measure(sc, dets, opts, runs)
			if err != nil {
				return fmt.Errorf("%s, profile %s: %w", sc.name, prof, err)
			}
			if sc.alone {
				r.profile = "(none)"
			}
			rows = append(rows, r)
		}
	}
	return writeReport(out, rows, runs)
}

// result is the fastest time of every stage over the runs, and the mean
// CPU time per image.
type result struct {
	name, profile string
	stages        []string
	best          map[string]time.Duration
	cpu           time.Duration
	maskPct       float64
	components    map[string]int
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func measure(sc scene, dets []anonymize.Detector, opts anonymize.Options, runs int) (result, error) {
	all := append(append([]anonymize.Detector{}, dets...), sc.extra...)
	if sc.alone {
		all = sc.extra
	}
	p := &anonymize.Pipeline{Detectors: all, Options: opts}
	r := result{name: sc.name, profile: opts.Profile, best: map[string]time.Duration{}, components: map[string]int{}}
	if _, err := p.Run(sc.input, nil); err != nil { // warm up
		return r, err
	}
	runtime.GC()
	start := cpuTime()
	for i := 0; i < runs; i++ {
		res, err := p.Run(sc.input, nil)
		if err != nil {
			return r, err
		}
		for _, t := range res.Timings {
			if b, ok := r.best[t.Stage]; !ok || t.Duration < b {
				if !ok {
					r.stages = append(r.stages, t.Stage)
				}
				r.best[t.Stage] = t.Duration
			}
		}
		if i == 0 {
			rep := res.Report
			r.maskPct = 100 * float64(rep.Mask.Pixels) / float64(rep.Mask.Width*rep.Mask.Height)
			for _, c := range rep.Components {
				r.components[string(c.Method)]++
			}
		}
	}
	r.cpu = (cpuTime() - start) / time.Duration(runs)
	return r, nil
}
