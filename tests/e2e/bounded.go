package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
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
	return out, c.explain(err)
}

// output runs the command and returns its stdout; stderr is in the error.
func (c boundedCmd) output() ([]byte, error) {
	defer c.cancel()
	out, err := c.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		err = fmt.Errorf("%w\n%s", err, exit.Stderr)
	}
	return out, c.explain(err)
}

func (c boundedCmd) explain(err error) error {
	if err != nil && errors.Is(c.ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s did not finish within %s: %w", c.Args, commandTimeout, err)
	}
	return err
}
