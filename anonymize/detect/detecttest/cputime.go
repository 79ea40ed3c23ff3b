package detecttest

import (
	"syscall"
	"testing"
	"time"
)

// processCPU is the CPU time (user + system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchLoop runs fn b.N times and also reports "cpu-s/op", the process CPU
// time per iteration: on a machine shared with other jobs wall time
// (ns/op) grows with the load, CPU time much less.
func BenchLoop(b *testing.B, fn func() error) {
	b.Helper()
	start := processCPU()
	b.ResetTimer()
	for range b.N {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((processCPU()-start).Seconds()/float64(b.N), "cpu-s/op")
}
