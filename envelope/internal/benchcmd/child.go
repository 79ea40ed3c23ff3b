package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// caseResult is what one child process measures for one case.
type caseResult struct {
	Impl          string    `json:"impl"`
	Op            string    `json:"op"`
	Size          int64     `json:"size"`
	Seconds       []float64 `json:"seconds"`         // one per repetition
	PeakRSSKiB    int64     `json:"peak_rss_kib"`    // VmHWM of the child
	AllocBytesOp  uint64    `json:"alloc_bytes_op"`  // Go heap allocated per repetition
	HeapSysBytes  uint64    `json:"heap_sys_bytes"`  // Go heap obtained from the OS
	ProcessRSSKiB int64     `json:"startup_rss_kib"` // VmRSS before the first repetition
}

// childArgs describe the case a child process runs.
type childArgs struct {
	impl, op, file, ageIdentity string
	size                        int64
	reps                        int
}

// runChild runs one case reps times in this process and prints its
// caseResult as JSON. A process per case keeps peak memory per case.
func runChild(a childArgs) error {
	impl, err := findImplementation(a.impl)
	if err != nil {
		return err
	}
	k, err := loadKeys(a.ageIdentity)
	if err != nil {
		return err
	}
	gen := newGenerator(a.size)
	res := caseResult{Impl: a.impl, Op: a.op, Size: a.size}
	if res.ProcessRSSKiB, err = procStatusKiB("VmRSS"); err != nil {
		return err
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range a.reps {
		sink := &countingSink{}
		start := time.Now()
		switch a.op {
		case "encrypt":
			gen.rewind(a.size)
			err = impl.encrypt(sink, gen, k)
		case "decrypt":
			err = decryptFile(impl, sink, a.file, k)
		default:
			err = fmt.Errorf("unknown op %q", a.op)
		}
		elapsed := time.Since(start)
		if err != nil {
			return fmt.Errorf("%s %s: %w", a.impl, a.op, err)
		}
		if a.op == "decrypt" && sink.n != a.size {
			return fmt.Errorf("%s decrypted %d bytes, want %d", a.impl, sink.n, a.size)
		}
		res.Seconds = append(res.Seconds, elapsed.Seconds())
	}
	runtime.ReadMemStats(&after)
	res.AllocBytesOp = (after.TotalAlloc - before.TotalAlloc) / uint64(a.reps)
	res.HeapSysBytes = after.HeapSys
	if res.PeakRSSKiB, err = procStatusKiB("VmHWM"); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

func decryptFile(impl implementation, sink *countingSink, path string, k *keys) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return impl.decrypt(sink, f, k)
}

// procStatusKiB reads a "Name: N kB" field of /proc/self/status.
func procStatusKiB(field string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if value, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("/proc/self/status has no %s", field)
}
