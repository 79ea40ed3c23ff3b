// Command outhash prints the SHA-256 of every pipeline output (leakage
// images and speed scenes, both profiles), so two builds can be compared
// byte for byte.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/draw"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
)

func main() {
	data := flag.String("data", "/usr/share/doc/opencv-doc/examples/data", "")
	frames := flag.String("frames", "build/eval/anonymizer/vtest", "")
	flag.Parse()
	var ins []string
	for _, s := range strings.Split("messi5.jpg,basketball1.png,basketball2.png,leuvenA.jpg,leuvenB.jpg,licenseplate_motion.jpg,building.jpg", ",") {
		ins = append(ins, filepath.Join(*data, s))
	}
	entries, _ := os.ReadDir(*frames)
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
			panic(err)
		}
		inputs = append(inputs, in{filepath.Base(p), b})
	}
	for _, p := range []string{filepath.Join(*data, "messi5.jpg"), filepath.Join(*frames, "vtest_0400.jpg"), filepath.Join(*data, "leuvenA.jpg")} {
		raw, _ := os.ReadFile(p)
		src, _, err := anonymize.Decode(raw, anonymize.DefaultOptions().Limits)
		if err != nil {
			panic(err)
		}
		dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
		draw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
		var buf bytes.Buffer
		jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 90})
		inputs = append(inputs, in{"1080p-" + filepath.Base(p), buf.Bytes()})
	}
	for _, prof := range []string{detect.Thorough, detect.Fast} {
		dets, err := detect.Default(detect.Options{Profile: prof})
		if err != nil {
			panic(err)
		}
		opts := anonymize.DefaultOptions()
		detect.ApplyProfile(prof, &opts)
		for _, x := range inputs {
			all := dets
			if x.name == "1080p-leuvenA.jpg" {
				all = append(append([]anonymize.Detector{}, dets...), pedestrians{})
			}
			res, err := (&anonymize.Pipeline{Detectors: all, Options: opts}).Run(x.data, nil)
			if err != nil {
				panic(err)
			}
			var methods []string
			for _, c := range res.Report.Components {
				methods = append(methods, string(c.Method))
			}
			fmt.Printf("%s %s %x %d %s\n", prof, x.name, sha256.Sum256(res.Output), len(res.Report.Regions), strings.Join(methods, ","))
		}
	}
}

// pedestrians is the speed bench's four person regions on 1080p leuvenA.
type pedestrians struct{}

func (pedestrians) ID() string                 { return "bench-4-pedestrians" }
func (pedestrians) Classes() []anonymize.Class { return []anonymize.Class{anonymize.ClassPerson} }
func (pedestrians) ModelHash() string          { return "" }
func (pedestrians) Detect(img *image.RGBA) ([]anonymize.Region, error) {
	if img.Rect.Dx() != 1920 || img.Rect.Dy() != 1080 {
		return nil, nil
	}
	var out []anonymize.Region
	for k := 0; k < 4; k++ {
		out = append(out, anonymize.Region{Class: anonymize.ClassPerson, Box: image.Rect(200+k*420, 560, 320+k*420, 920),
			Score: 1, DetectorID: "bench-4-pedestrians"})
	}
	return out, nil
}
