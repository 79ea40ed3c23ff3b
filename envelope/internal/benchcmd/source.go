package main

import (
	"io"
	"math/rand/v2"
)

// generatorBlockSize is the period of generated content: big enough that
// nothing can exploit the repetition, small enough to be a fixed cost.
const generatorBlockSize = 1 << 20

// generator streams size bytes of pseudo-random content, so content of any
// size is produced without holding it in memory.
type generator struct {
	block     []byte
	remaining int64
	offset    int
}

func newGenerator(size int64) *generator {
	block := make([]byte, generatorBlockSize)
	_, _ = rand.NewChaCha8([32]byte{'b', 'e', 'n', 'c', 'h'}).Read(block)
	return &generator{block: block, remaining: size}
}

// rewind makes g produce the same size bytes again, without regenerating
// its block (which would be timed with the next run).
func (g *generator) rewind(size int64) {
	g.remaining, g.offset = size, 0
}

func (g *generator) Read(p []byte) (int, error) {
	if g.remaining == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(int64(len(p)), g.remaining)], g.block[g.offset:])
	g.offset = (g.offset + n) % len(g.block)
	g.remaining -= int64(n)
	return n, nil
}

// countingSink discards what is written and counts it. Unlike io.Discard it
// has no ReadFrom, so io.Copy drives every implementation the same way.
type countingSink struct{ n int64 }

func (s *countingSink) Write(p []byte) (int, error) {
	s.n += int64(len(p))
	return len(p), nil
}
