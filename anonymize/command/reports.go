package command

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"

	"github.com/msec-city/msec/anonymize"
)

// FileReport is one entry of the --report file: the engine's report plus
// the paths it concerns.
type FileReport struct {
	Input  string            `json:"input"`
	Output string            `json:"output"`
	Report *anonymize.Report `json:"report"`
}

func writeReports(path string, reps []FileReport) error {
	if reps == nil {
		reps = []FileReport{}
	}
	js, err := json.MarshalIndent(reps, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(js, '\n'), 0o644)
}

func readReports(path string) ([]FileReport, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var reps []FileReport
	if err := json.Unmarshal(data, &reps); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range reps {
		if r.Report == nil {
			return nil, fmt.Errorf("%s: entry for %s has no report", path, r.Input)
		}
		if err := r.Report.Params.Validate(); err != nil {
			return nil, fmt.Errorf("%s: entry for %s: %w", path, r.Input, err)
		}
	}
	return reps, nil
}

// verifyAll recomputes every input's output from the report entry with the
// same input hash and checks it.
func verifyAll(cmd interface{ OutOrStdout() io.Writer }, f *flags, inputs []string, lim anonymize.Limits) error {
	reps, err := readReports(f.verify)
	if err != nil {
		return err
	}
	byHash := map[string]*anonymize.Report{}
	for _, r := range reps {
		byHash[r.Report.Input.SHA256] = r.Report
	}
	var plate *image.RGBA
	if f.background != "" {
		if plate, err = readPlate(f.background, lim); err != nil {
			return err
		}
	}
	failed := 0
	for _, in := range inputs {
		data, err := readInput(in, lim.MaxBytes)
		if err == nil {
			rep, ok := byHash[anonymize.HashBytes(data)]
			if !ok {
				err = errors.New("no report entry has this input's SHA-256")
			} else {
				err = anonymize.Verify(data, rep, plate, lim)
			}
		}
		if err != nil {
			fmt.Fprintf(cmd.OutOrStdout(), "FAIL %s: %v\n", in, err)
			failed++
			continue
		}
		fmt.Fprintf(cmd.OutOrStdout(), "ok   %s\n", in)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed verification", failed, len(inputs))
	}
	return nil
}

func writePlate(path string, plate *image.RGBA) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(out, plate); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func readPlate(path string, lim anonymize.Limits) (*image.RGBA, error) {
	data, err := readInput(path, lim.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("background %s: %w", path, err)
	}
	img, _, err := anonymize.Decode(data, lim)
	if err != nil {
		return nil, fmt.Errorf("background %s: %w", path, err)
	}
	return img, nil
}
