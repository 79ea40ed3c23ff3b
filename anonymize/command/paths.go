package command

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// imageExts are the file name endings taken from a folder.
var imageExts = []string{".jpg", ".jpeg", ".png"}

func isImageName(name string) bool {
	return slices.Contains(imageExts, strings.ToLower(filepath.Ext(name)))
}

// expandInputs replaces every folder by its image files (not recursive,
// sorted by name); files are kept as given, whatever their name, so that a
// non-image file gets a clear error instead of being skipped.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		n := len(out)
		for _, e := range entries {
			if e.Type().IsRegular() && isImageName(e.Name()) {
				out = append(out, filepath.Join(a, e.Name()))
			}
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no .jpg, .jpeg or .png file in this folder", a)
		}
	}
	return out, nil
}

// outputPaths maps inputs to output files. One input and an OUT that ends
// in an image extension name the file; otherwise OUT is a folder (created)
// holding <input base name>.<format>.
func outputPaths(inputs []string, out, format string) ([]string, error) {
	ext := map[string]string{"png": ".png", "jpeg": ".jpg"}[format]
	if len(inputs) == 1 && isImageName(out) {
		if st, err := os.Stat(out); err != nil || !st.IsDir() {
			return []string{out}, nil
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	seen := map[string]string{}
	for _, in := range inputs {
		base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		p := filepath.Join(out, base+ext)
		if prev, dup := seen[p]; dup {
			return nil, fmt.Errorf("%s and %s would both be written to %s", prev, in, p)
		}
		seen[p] = in
		paths = append(paths, p)
	}
	return paths, nil
}
