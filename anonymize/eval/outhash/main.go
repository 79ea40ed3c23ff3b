// Command outhash prints the SHA-256 of every pipeline output (leakage
// images and speed scenes, both profiles), so two builds can be compared
// byte for byte.
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/eval/benchscene"
)

func main() {
	data := flag.String("data", "/usr/share/doc/opencv-doc/examples/data", "")
	frames := flag.String("frames", "build/eval/anonymizer/vtest", "")
	flag.Parse()
	var ins []string
	for _, s := range strings.Split("messi5.jpg,basketball1.png,basketball2.png,leuvenA.jpg,leuvenB.jpg,licenseplate_motion.jpg,building.jpg", ",") {
		ins = append(ins, filepath.Join(*data, s))
	}
	entries, err := os.ReadDir(*frames)
	if err != nil {
		log.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".jpg") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for i, n := range names {
		if i%8 == 0 {
			ins = append(ins, filepath.Join(*frames, n))
		}
	}
	type in struct {
		name string
		data []byte
	}
	var inputs []in
	for _, p := range ins {
		b, err := os.ReadFile(p)
		if err != nil {
			log.Fatal(err)
		}
		inputs = append(inputs, in{filepath.Base(p), b})
	}
	for _, p := range []string{filepath.Join(*data, "messi5.jpg"), filepath.Join(*frames, "vtest_0400.jpg"), filepath.Join(*data, "leuvenA.jpg")} {
		scaled, err := benchscene.ScaledJPEG(p)
		if err != nil {
			log.Fatal(err)
		}
		inputs = append(inputs, in{"1080p-" + filepath.Base(p), scaled})
	}
	for _, prof := range []string{detect.Thorough, detect.Fast} {
		dets, err := detect.Default(detect.Options{Profile: prof})
		if err != nil {
			log.Fatal(err)
		}
		opts := anonymize.DefaultOptions()
		detect.ApplyProfile(prof, &opts)
		for _, x := range inputs {
			all := dets
			if x.name == "1080p-leuvenA.jpg" {
				all = append(append([]anonymize.Detector{}, dets...), benchscene.Pedestrians{})
			}
			res, err := (&anonymize.Pipeline{Detectors: all, Options: opts}).Run(x.data, nil)
			if err != nil {
				log.Fatalf("%s, profile %s: %v", x.name, prof, err)
			}
			var methods []string
			for _, c := range res.Report.Components {
				methods = append(methods, string(c.Method))
			}
			fmt.Printf("%s %s %x %d %s\n", prof, x.name, sha256.Sum256(res.Output), len(res.Report.Regions), strings.Join(methods, ","))
		}
	}
}
