package requestauth

import (
	"fmt"
	"sync"
	"time"
)

// nonceCache remembers each nonce until its request would be refused as
// expired anyway, so memory is bounded by the request rate over the window
// and by max.
type nonceCache struct {
	mu        sync.Mutex
	max       int
	until     map[string]time.Time
	nextSweep time.Time
}

func newNonceCache(max int) *nonceCache {
	return &nonceCache{max: max, until: map[string]time.Time{}}
}

// use records key until expiry, or refuses it if it is already there.
func (c *nonceCache) use(key string, expiry, now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.nextSweep) || len(c.until) >= c.max {
		c.sweep(now)
	}
	if until, seen := c.until[key]; seen && now.Before(until) {
		return ErrReplay
	}
	if len(c.until) >= c.max {
		return fmt.Errorf("%w (%d)", ErrTooManyNonces, c.max)
	}
	c.until[key] = expiry
	return nil
}

func (c *nonceCache) sweep(now time.Time) {
	for k, until := range c.until {
		if !now.Before(until) {
			delete(c.until, k)
		}
	}
	c.nextSweep = now.Add(time.Second)
}
