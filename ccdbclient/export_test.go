package ccdbclient

import "time"

// SetResponseTimeout lets tests wait less than responseTimeout for a
// silent service.
func SetResponseTimeout(c *Companion, d time.Duration) { c.http = newHTTPClient(d) }
