package companion

import (
	"context"
	"errors"
	"io"
	"time"
)

// errStalled is the cause of a transfer cancelled by its readTimeout.
var errStalled = errors.New("no member served the content for fetch_timeout")

// readTimeout bounds each wait on the store during a transfer. Content
// fetched from the members comes block by block as it is read; if no
// member serves the next block any more (it went down, or dropped the
// content), the read would otherwise wait until transfer_timeout, holding
// the client for half an hour. Time spent writing to a slow client does not
// count: the timer runs only inside store calls.
type readTimeout struct {
	limit time.Duration
	timer *time.Timer
}

// withReadTimeout returns a context that is cancelled, with cause
// errStalled, when one call run by during (or one Read of a reader from
// reader) takes longer than limit.
func withReadTimeout(ctx context.Context, limit time.Duration) (context.Context, *readTimeout, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	t := &readTimeout{limit: limit, timer: time.AfterFunc(limit, func() { cancel(errStalled) })}
	t.timer.Stop()
	return ctx, t, func() { t.timer.Stop(); cancel(nil) }
}

// during runs f with the timer running.
func (t *readTimeout) during(f func()) {
	t.timer.Reset(t.limit)
	defer t.timer.Stop()
	f()
}

// reader times every Read of r.
func (t *readTimeout) reader(r io.Reader) io.Reader {
	return readFunc(func(p []byte) (n int, err error) {
		t.during(func() { n, err = r.Read(p) })
		return n, err
	})
}

type readFunc func(p []byte) (int, error)

func (f readFunc) Read(p []byte) (int, error) { return f(p) }

// stalled replaces err with errStalled when the readTimeout ended ctx.
func stalled(ctx context.Context, err error) error {
	if err != nil && errors.Is(context.Cause(ctx), errStalled) {
		return errStalled
	}
	return err
}
