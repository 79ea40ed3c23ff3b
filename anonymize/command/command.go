// Package command is the `msecd anonymize` command.
package command

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/msec-city/msec/anonymize"
	"github.com/msec-city/msec/anonymize/detect"
	"github.com/msec-city/msec/anonymize/fill"
)

// DetectorConfig is what the command tells the detector factory.
type DetectorConfig struct {
	Classes   []anonymize.Class
	MinFace   int    // smallest face side, pixels
	ModelsDir string // where model files are installed; "" for the default
	Profile   string // named detector set (detect.Profiles)
}

// DetectorFactory builds the detectors for a run.
type DetectorFactory func(DetectorConfig) ([]anonymize.Detector, error)

// flags are the command line, parsed.
type flags struct {
	output, report, fillMethod, models, format, verify, background, profile string
	classes                                                                 []string
	minFace, jpegQuality                                                    int
	sequence, noRecheck                                                     bool
	maxPixels, maxBytes                                                     int64
}

// NewAnonymizeCommand is `msecd anonymize`, with the engine's default
// detectors.
func NewAnonymizeCommand() *cobra.Command {
	return newCommand(defaultDetectors)
}

func newCommand(factory DetectorFactory) *cobra.Command {
	var f flags
	cmd := &cobra.Command{
		Use:   "anonymize IN... -o OUT",
		Short: "Erase faces, people, licence plates and vehicles from images and fill with background",
		Long: `Anonymize images: detect faces, people, licence plates and vehicles, erase them
(masked pixels are zeroed, not blurred), and fill the holes with plausible
background. Each IN is a JPEG or PNG file or a folder of them. With several
inputs or a folder, OUT is a folder; with one file, OUT may name the output file.

--report writes, for every image, what an attestation needs: regions, the
run-length encoded mask, SHA-256 of input, mask and output, engine, detector
and model hashes, and every parameter. --verify REPORT recomputes each input's
output from that report (no detector runs) and checks every hash.

--sequence treats the inputs as the frames of one fixed camera, in name order:
moving people and vehicles are found against a background model, and the
background plate fills the holes.

--profile chooses the detector set: thorough (the default: pigo, BlazeFace,
full-body and plate cascades, and the recheck of PatchMatch fills) or fast
(BlazeFace and the full-body cascade, no recheck: on the labelled evaluation
set it erases the same faces and people in about half the time, but its face
boxes are looser, it does not look for plates and it misses what only pigo
finds; see docs/anonymizer.md). The report records the profile.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(cmd, &f, args, factory)
		},
	}
	def := anonymize.DefaultOptions()
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "output file or folder")
	fl.StringSliceVar(&f.classes, "classes", []string{"face", "person", "plate", "vehicle"}, "classes to erase")
	fl.StringVar(&f.report, "report", "", "write the JSON report to this file")
	fl.IntVar(&f.minFace, "min-face", 20, "smallest face to find, in pixels")
	fl.StringVar(&f.profile, "profile", detect.DefaultProfile, "detector set: "+strings.Join(detect.ProfileNames(), " or "))
	fl.StringVar(&f.fillMethod, "fill", string(fill.Auto), "fill method: auto, telea, patchmatch or plate")
	fl.StringVar(&f.models, "models", "", "folder of installed models (default: the setup's location)")
	fl.StringVar(&f.format, "format", "png", "output format: png (lossless) or jpeg")
	fl.IntVar(&f.jpegQuality, "jpeg-quality", 90, "JPEG quality when --format jpeg")
	fl.BoolVar(&f.sequence, "sequence", false, "inputs are frames of one fixed camera")
	fl.BoolVar(&f.noRecheck, "no-recheck", false, "skip the detectors' second look at PatchMatch fills (faster)")
	fl.StringVar(&f.verify, "verify", "", "verify the inputs against this report instead of anonymizing")
	fl.StringVar(&f.background, "background", "", "background plate PNG for --verify of a sequence")
	fl.Int64Var(&f.maxPixels, "max-pixels", def.Limits.MaxPixels, "refuse images with more pixels")
	fl.Int64Var(&f.maxBytes, "max-bytes", def.Limits.MaxBytes, "refuse files larger than this")
	return cmd
}

func (f *flags) options() (anonymize.Options, error) {
	o := anonymize.DefaultOptions()
	classes, err := anonymize.ParseClasses(f.classes)
	if err != nil {
		return o, err
	}
	method, err := fill.ParseMethod(f.fillMethod)
	if err != nil {
		return o, err
	}
	o.Classes = classes
	o.Fill.Method = method
	o.Output = anonymize.OutputParams{Format: f.format}
	if f.format == "jpeg" {
		o.Output.JPEGQuality = f.jpegQuality
	}
	o.Limits.MaxPixels, o.Limits.MaxBytes = f.maxPixels, f.maxBytes
	o.SkipRecheck = f.noRecheck
	if err := detect.ApplyProfile(f.profile, &o); err != nil {
		return o, fmt.Errorf("--profile: %w", err)
	}
	if f.minFace < 1 {
		return o, fmt.Errorf("--min-face %d: want at least 1", f.minFace)
	}
	if method == fill.Plate && !f.sequence && f.verify == "" {
		return o, errors.New("--fill plate needs --sequence: only a fixed camera's frames give a background plate")
	}
	return o, o.Params.Validate()
}

func run(cmd *cobra.Command, f *flags, args []string, factory DetectorFactory) error {
	opts, err := f.options()
	if err != nil {
		return err
	}
	inputs, err := expandInputs(args)
	if err != nil {
		return err
	}
	if f.verify != "" {
		return verifyAll(cmd, f, inputs, opts.Limits)
	}
	if f.output == "" {
		return errors.New("missing -o OUT")
	}
	outputs, err := outputPaths(inputs, f.output, opts.Output.Format)
	if err != nil {
		return err
	}
	dets, err := factory(DetectorConfig{Classes: opts.Classes, MinFace: f.minFace, ModelsDir: f.models, Profile: opts.Profile})
	if err != nil {
		return fmt.Errorf("detectors: %w", err)
	}
	var plate *image.RGBA
	if f.sequence {
		d, bg, err := sequenceDetector(inputs, opts.Limits)
		if err != nil {
			return err
		}
		if wantsMotion(opts.Classes) {
			dets = append(dets, d)
		}
		// The plate is written next to the outputs: --verify needs it.
		plate = bg
		if err := writePlate(filepath.Join(filepath.Dir(outputs[0]), "background.png"), plate); err != nil {
			return err
		}
	}
	p := &anonymize.Pipeline{Detectors: dets, Options: opts}
	return anonymizeAll(cmd.ErrOrStderr(), p, inputs, outputs, plate, f.report)
}

// anonymizeAll processes every input, going on after a failure so that one
// bad file does not stop a batch; it fails at the end if any input failed.
func anonymizeAll(stderr io.Writer, p *anonymize.Pipeline, inputs, outputs []string, plate *image.RGBA, reportPath string) error {
	bar := newProgress(stderr, len(inputs))
	var reports []FileReport
	failed := 0
	for i, in := range inputs {
		bar.step(filepath.Base(in))
		rep, err := anonymizeOne(p, in, outputs[i], plate)
		if err != nil {
			bar.clear()
			fmt.Fprintf(stderr, "anonymize: %s: %v\n", in, err)
			failed++
			continue
		}
		reports = append(reports, FileReport{Input: in, Output: outputs[i], Report: rep})
	}
	bar.done()
	if reportPath != "" {
		if err := writeReports(reportPath, reports); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed", failed, len(inputs))
	}
	return nil
}

func anonymizeOne(p *anonymize.Pipeline, in, out string, plate *image.RGBA) (*anonymize.Report, error) {
	data, err := readInput(in, p.Options.Limits.MaxBytes)
	if err != nil {
		return nil, err
	}
	res, err := p.Run(data, plate)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(out, res.Output, 0o644); err != nil {
		return nil, err
	}
	return res.Report, nil
}

// readInput reads a file, refusing it before reading when it is larger than
// maxBytes.
func readInput(path string, maxBytes int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if maxBytes > 0 && st.Size() > maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", anonymize.ErrTooLarge, st.Size(), maxBytes)
	}
	return os.ReadFile(path)
}
