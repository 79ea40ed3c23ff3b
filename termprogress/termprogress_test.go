package termprogress

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func TestRender(t *testing.T) {
	got := Render(32<<20, 64<<20, 2*time.Second)
	want := "[###############...............]  50% 32 MiB / 64 MiB  16 MiB/s"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := Render(5<<20, -1, time.Second); got != "5.0 MiB  5.0 MiB/s" {
		t.Errorf("unknown total: %q", got)
	}
}

// Off a terminal there is no bar, and the nil bar passes bytes through
// untouched.
func TestNoBarOffTerminal(t *testing.T) {
	var out bytes.Buffer
	bar := New(&out, 10)
	if bar != nil {
		t.Fatal("progress drawn on a non-terminal")
	}
	var sink bytes.Buffer
	if _, err := io.Copy(bar.Writer(&sink), bar.Reader(strings.NewReader("ciphertext"))); err != nil {
		t.Fatal(err)
	}
	bar.Finish()
	if sink.String() != "ciphertext" || out.Len() != 0 {
		t.Fatalf("sink %q, drawn %q", sink.String(), out.String())
	}
}
