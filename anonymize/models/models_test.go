package models

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPinnedFiles(t *testing.T) {
	names := Names()
	if len(names) < 7 {
		t.Fatalf("only %d pinned files: %v", len(names), names)
	}
	for _, n := range names {
		sum, ok := Pinned(n)
		if !ok || len(sum) != 64 {
			t.Errorf("%s: pinned %q", n, sum)
		}
	}
	if _, ok := Pinned("nope"); ok {
		t.Error("unknown file is pinned")
	}
}

func TestReadVerified(t *testing.T) {
	dir := t.TempDir()
	name := "pigo/facefinder"
	if _, _, err := ReadVerified(dir, name); err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Fatalf("missing file: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "pigo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadVerified(dir, name); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("tampered file: %v", err)
	}
	if _, _, err := ReadVerified(dir, "unpinned.bin"); err == nil || !strings.Contains(err.Error(), "not pinned") {
		t.Fatalf("unpinned file: %v", err)
	}
}

func TestDirHonoursEnv(t *testing.T) {
	t.Setenv(EnvDir, "/some/where")
	if Dir() != "/some/where" {
		t.Fatalf("Dir() = %q", Dir())
	}
}
