package command

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// progress draws a one-line bar on stderr for batches, only when stderr is
// a terminal (logs and pipes stay clean).
type progress struct {
	w     io.Writer
	total int
	n     int
	on    bool
}

func newProgress(w io.Writer, total int) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, total: total, on: ok && total > 1 && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) step(name string) {
	p.n++
	if !p.on {
		return
	}
	const width = 30
	done := width * (p.n - 1) / p.total
	if len(name) > 40 {
		name = name[:37] + "..."
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", done), strings.Repeat("-", width-done), p.n, p.total, name)
}

// clear erases the bar so a message can be printed on a clean line.
func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) done() {
	if p.on {
		fmt.Fprintf(p.w, "\r\033[K%d images\n", p.total)
	}
}
