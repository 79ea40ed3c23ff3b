package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// commandTimeout bounds every process and request the tests make. go test's
// own -timeout panics without running cleanups, so a hung call would lose
// the node logs that explain it; a bounded call fails its test instead.
const commandTimeout = 3 * time.Minute

// httpClient is for requests the tests make themselves.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// boundedCmd is a command that is stopped after commandTimeout.
type boundedCmd struct {
	*exec.Cmd
	ctx    context.Context
	cancel context.CancelFunc
}

// command prepares name with args. On timeout the process gets SIGQUIT, so
// a hung msecd prints its goroutines into the output the test reports, and
// SIGKILL ten seconds later.
func command(name string, args ...string) boundedCmd {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGQUIT) }
	cmd.WaitDelay = 10 * time.Second
	return boundedCmd{Cmd: cmd, ctx: ctx, cancel: cancel}
}

// combinedOutput runs the command and returns its stdout and stderr.
func (c boundedCmd) combinedOutput() ([]byte, error) {
	defer c.cancel()
	out, err := c.CombinedOutput()
	return out, c.explain(err, out)
}

// output runs the command and returns its stdout; stderr is in the error.
func (c boundedCmd) output() ([]byte, error) {
	defer c.cancel()
	out, err := c.Output()
	var stderr []byte
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		stderr = exit.Stderr
		err = fmt.Errorf("%w\n%s", err, stderr)
	}
	return out, c.explain(err, stderr)
}

// explain names a timed-out command and, on the same line, where its main
// goroutine was stuck, from the dump SIGQUIT made it print.
func (c boundedCmd) explain(err error, output []byte) error {
	if err == nil || !errors.Is(c.ctx.Err(), context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s did not finish within %s (stuck in %s): %w", c.Args, commandTimeout, stuckIn(output), err)
}

// stuckIn is the innermost few functions of the first goroutine in a Go
// goroutine dump.
func stuckIn(dump []byte) string {
	_, first, found := strings.Cut(string(dump), "\ngoroutine ")
	if !found {
		return "no goroutine dump"
	}
	first, _, _ = strings.Cut(first, "\n\n")
	var funcs []string
	for _, line := range strings.Split(first, "\n")[1:] {
		if line != "" && !strings.HasPrefix(line, "\t") && len(funcs) < 6 {
			funcs = append(funcs, line[strings.LastIndex(line[:max(strings.Index(line, "("), 0)], "/")+1:])
		}
	}
	return strings.Join(funcs, " < ")
}
