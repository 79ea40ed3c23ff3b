package command

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msec-city/msec/anonymize"
)

// boxDetector reports one fixed face box, whatever the image.
type boxDetector struct{}

func (boxDetector) ID() string                 { return "test-box" }
func (boxDetector) Classes() []anonymize.Class { return []anonymize.Class{anonymize.ClassFace} }
func (boxDetector) ModelHash() string          { return "" }
func (boxDetector) Detect(*image.RGBA) ([]anonymize.Region, error) {
	return []anonymize.Region{{Class: anonymize.ClassFace, Box: image.Rect(10, 10, 30, 30), Score: 1, DetectorID: "test-box"}}, nil
}

func testFactory(DetectorConfig) ([]anonymize.Detector, error) {
	return []anonymize.Detector{boxDetector{}}, nil
}

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 3), uint8(y * 3), 99, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func execute(args ...string) (string, error) {
	cmd := newCommand(testFactory)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestCommandFolderReportAndVerify(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writePNG(t, filepath.Join(in, "a.png"), 64, 48)
	writePNG(t, filepath.Join(in, "b.png"), 50, 40)
	if err := os.WriteFile(filepath.Join(in, "notes.txt"), []byte("skip me"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	report := filepath.Join(dir, "report.json")
	if msg, err := execute(in, "-o", out, "--report", report, "--fill", "telea"); err != nil {
		t.Fatalf("anonymize: %v\n%s", err, msg)
	}
	reps, err := readReports(report)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].Output != filepath.Join(out, "a.png") || reps[0].Report.Params.Fill.Method != "telea" {
		t.Fatalf("report entries %+v", reps)
	}
	data, err := os.ReadFile(reps[1].Output)
	if err != nil || anonymize.HashBytes(data) != reps[1].Report.Output.SHA256 {
		t.Fatalf("output file does not match its report hash: %v", err)
	}
	msg, err := execute(in, "--verify", report)
	if err != nil || strings.Count(msg, "ok ") != 2 {
		t.Fatalf("verify: %v\n%s", err, msg)
	}
	writePNG(t, filepath.Join(in, "a.png"), 64, 49)
	if msg, err := execute(filepath.Join(in, "a.png"), "--verify", report); err == nil {
		t.Fatalf("verify of a changed input passed:\n%s", msg)
	}
}

func TestCommandBadInputs(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "photo.jpg")
	if err := os.WriteFile(text, []byte("this is text"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.png")
	writePNG(t, big, 200, 200)
	good := filepath.Join(dir, "good.png")
	writePNG(t, good, 40, 40)
	out := filepath.Join(dir, "out")
	msg, err := execute(text, big, good, filepath.Join(dir, "missing.png"), "-o", out, "--max-pixels", "10000")
	if err == nil {
		t.Fatal("bad inputs accepted")
	}
	// A missing file is refused before any work starts.
	if !strings.Contains(err.Error(), "missing.png") {
		t.Fatalf("missing input: %v", err)
	}
	msg, err = execute(text, big, good, "-o", out, "--max-pixels", "10000")
	if err == nil || !strings.Contains(err.Error(), "2 of 3 inputs failed") {
		t.Fatalf("want 2 of 3 failed, got %v", err)
	}
	for _, want := range []string{"photo.jpg: not a JPEG or PNG image", "big.png: image too large"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "good.png")); err != nil {
		t.Fatalf("good input not written: %v", err)
	}
	if _, err := execute(good, "-o", out, "--classes", "cat"); err == nil {
		t.Fatal("unknown class accepted")
	}
	if _, err := execute(good, "-o", out, "--fill", "blur"); err == nil {
		t.Fatal("unknown fill accepted")
	}
}

func TestCommandSingleFileOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "x.png")
	writePNG(t, in, 40, 40)
	out := filepath.Join(dir, "y.jpg")
	if msg, err := execute(in, "-o", out, "--format", "jpeg"); err != nil {
		t.Fatalf("%v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil || anonymize.Sniff(data) != "jpeg" {
		t.Fatalf("single output not a JPEG file: %v", err)
	}
}

// TestCommandSequenceUsesPlate: a square moving over a fixed background is
// found by the motion detector and filled from the background plate.
func TestCommandSequenceUsesPlate(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "frames")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 7; k++ {
		img := image.NewRGBA(image.Rect(0, 0, 120, 80))
		for y := 0; y < 80; y++ {
			for x := 0; x < 120; x++ {
				img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 3), 60, 255})
			}
		}
		for y := 20; y < 50; y++ {
			for x := 5 + 15*k; x < 25+15*k; x++ {
				img.Set(x, y, color.RGBA{250, 250, 250, 255})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("f%02d.png", k)), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	report := filepath.Join(dir, "r.json")
	if msg, err := execute(in, "-o", out, "--sequence", "--classes", "person", "--report", report); err != nil {
		t.Fatalf("%v\n%s", err, msg)
	}
	reps, err := readReports(report)
	if err != nil {
		t.Fatal(err)
	}
	r := reps[3].Report
	if r.Background == nil || len(r.Components) == 0 || r.Components[0].Method != "plate" {
		t.Fatalf("frame 3 not filled from the plate: %+v", r.Components)
	}
	data, err := os.ReadFile(reps[3].Output)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := anonymize.Decode(data, anonymize.DefaultOptions().Limits)
	if err != nil {
		t.Fatal(err)
	}
	if c := img.RGBAAt(60, 35); c.R > 200 && c.G > 200 {
		t.Fatalf("moving square still visible: %v", c)
	}
	plate := filepath.Join(out, "background.png")
	if msg, err := execute(in, "--verify", report, "--background", plate); err != nil {
		t.Fatalf("verify with the plate: %v\n%s", err, msg)
	}
}
