package ipfsnode

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchSizes are the file sizes add and cat are measured at.
var benchSizes = []int64{64 << 20, 1 << 30}

// generated streams size pseudo-random bytes (incompressible, like
// ciphertext) without holding them in memory.
func generated(seed uint64, size int64) io.Reader {
	var key [32]byte
	key[0] = byte(seed)
	return io.LimitReader(rand.NewChaCha8(key), size)
}

// diskBytesWritten is what this process has written to storage so far
// (Linux /proc/self/io), or -1 where that is not available. Divided by the
// bytes added it gives the datastore's write amplification.
func diskBytesWritten() int64 {
	data, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "write_bytes: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

func sizeName(size int64) string {
	if size >= 1<<30 {
		return fmt.Sprintf("%dGiB", size>>30)
	}
	return fmt.Sprintf("%dMiB", size>>20)
}

func BenchmarkAdd(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(sizeName(size), func(b *testing.B) {
			b.SetBytes(size)
			for i := range b.N {
				b.StopTimer()
				r, err := OpenRepo(context.Background(), b.TempDir(), 0)
				if err != nil {
					b.Fatal(err)
				}
				written := diskBytesWritten()
				b.StartTimer()
				if _, err := r.Add(context.Background(), generated(uint64(i), size), "bench"); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := r.Close(); err != nil {
					b.Fatal(err)
				}
				if written >= 0 {
					b.ReportMetric(float64(diskBytesWritten()-written)/float64(size), "disk-bytes/byte")
				}
			}
		})
	}
}

func BenchmarkCat(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(sizeName(size), func(b *testing.B) {
			r, err := OpenRepo(context.Background(), b.TempDir(), 0)
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			root, err := r.Add(context.Background(), generated(1, size), "bench")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ResetTimer()
			for range b.N {
				reader, err := r.Cat(context.Background(), root)
				if err != nil {
					b.Fatal(err)
				}
				if n, err := io.Copy(io.Discard, reader); err != nil || n != size {
					b.Fatalf("read %d bytes: %v", n, err)
				}
			}
		})
	}
}

// BenchmarkBitswap measures a second member fetching and pinning a file
// that only the first member has, over the private swarm on loopback.
func BenchmarkBitswap(b *testing.B) {
	const size = 64 << 20
	b.Run(sizeName(size), func(b *testing.B) {
		key := newSwarmKey(b)
		a := startTestNode(b, testConfig(key))
		root, err := a.Add(context.Background(), generated(2, size), "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(size)
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			fetcher := startTestNode(b, testConfig(key, a.Identity().Addresses[0]))
			b.StartTimer()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			_, err := fetcher.Pin(ctx, root, "replica")
			cancel()
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if err := fetcher.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
