package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

// progressInterval is how often the progress line is redrawn.
const progressInterval = 200 * time.Millisecond

// progress draws a one-line progress bar on a terminal as bytes pass
// through Read or Write.
type progress struct {
	out     io.Writer
	total   int64 // bytes expected; -1 if unknown
	done    int64
	started time.Time
	drawn   time.Time
}

// newProgress returns a progress bar on w when w is a terminal, else nil;
// a nil *progress counts nothing and draws nothing.
func newProgress(w io.Writer, total int64) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	now := time.Now()
	return &progress{out: w, total: total, started: now, drawn: now}
}

func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.done += int64(n)
	if now := time.Now(); now.Sub(p.drawn) >= progressInterval {
		p.drawn = now
		fmt.Fprint(p.out, "\r"+renderProgress(p.done, p.total, now.Sub(p.started)))
	}
}

// finish draws the final state and ends the line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	fmt.Fprintln(p.out, "\r"+renderProgress(p.done, p.total, time.Since(p.started)))
}

// reader counts what r yields.
func (p *progress) reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return readerFunc(func(b []byte) (int, error) {
		n, err := r.Read(b)
		p.add(n)
		return n, err
	})
}

// writer counts what goes to w.
func (p *progress) writer(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return writerFunc(func(b []byte) (int, error) {
		n, err := w.Write(b)
		p.add(n)
		return n, err
	})
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

const barWidth = 30

// renderProgress formats one progress line: a bar and percentage when the
// total is known, then bytes done and the average rate.
func renderProgress(done, total int64, elapsed time.Duration) string {
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
