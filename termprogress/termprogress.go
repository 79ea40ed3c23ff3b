// Package termprogress draws a one-line progress bar on a terminal while
// bytes stream through a Reader or Writer. On anything but a terminal it
// draws nothing, so scripts and logs stay clean.
package termprogress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

// interval is how often the progress line is redrawn.
const interval = 200 * time.Millisecond

// Bar counts bytes as they pass and redraws its line at most every interval.
// A nil *Bar counts nothing and draws nothing, so callers need no checks.
type Bar struct {
	out     io.Writer
	total   int64 // bytes expected; -1 if unknown
	done    int64
	started time.Time
	drawn   time.Time
}

// New returns a bar drawn on w when w is a terminal, else nil. total is the
// number of bytes expected, or -1 if unknown.
func New(w io.Writer, total int64) *Bar {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	now := time.Now()
	return &Bar{out: w, total: total, started: now, drawn: now}
}

// Add counts n more bytes.
func (p *Bar) Add(n int) {
	if p == nil {
		return
	}
	p.done += int64(n)
	if now := time.Now(); now.Sub(p.drawn) >= interval {
		p.drawn = now
		fmt.Fprint(p.out, "\r"+Render(p.done, p.total, now.Sub(p.started)))
	}
}

// Finish draws the final state and ends the line.
func (p *Bar) Finish() {
	if p == nil {
		return
	}
	fmt.Fprintln(p.out, "\r"+Render(p.done, p.total, time.Since(p.started)))
}

// Reader counts what r yields.
func (p *Bar) Reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return readerFunc(func(b []byte) (int, error) {
		n, err := r.Read(b)
		p.Add(n)
		return n, err
	})
}

// Writer counts what goes to w.
func (p *Bar) Writer(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return writerFunc(func(b []byte) (int, error) {
		n, err := w.Write(b)
		p.Add(n)
		return n, err
	})
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

const barWidth = 30

// Render formats one progress line: a bar and percentage when the total is
// known, then bytes done and the average rate.
func Render(done, total int64, elapsed time.Duration) string {
	var b strings.Builder
	if total > 0 {
		frac := min(float64(done)/float64(total), 1)
		filled := int(frac * barWidth)
		fmt.Fprintf(&b, "[%s%s] %3.0f%% ", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), frac*100)
		fmt.Fprintf(&b, "%s / %s", humanize.IBytes(uint64(done)), humanize.IBytes(uint64(total)))
	} else {
		b.WriteString(humanize.IBytes(uint64(done)))
	}
	if secs := elapsed.Seconds(); secs > 0 {
		fmt.Fprintf(&b, "  %s/s", humanize.IBytes(uint64(float64(done)/secs)))
	}
	return b.String()
}
