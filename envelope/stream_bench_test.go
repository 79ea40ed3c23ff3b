package envelope

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// In-process micro-benchmarks; the msec-vs-age comparison with peak memory
// is `make bench-envelope` (internal/benchcmd).

var benchSizes = []int{1 << 10, 1 << 20, 16 << 20}

func BenchmarkEncrypt(b *testing.B) {
	for _, alg := range allAlgorithms {
		for _, size := range benchSizes {
			b.Run(fmt.Sprintf("%s/%dKiB", alg, size>>10), func(b *testing.B) {
				plaintext := testPlaintext(size)
				dek := NewDataKey()
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					w, err := EncryptWithAlgorithm(io.Discard, dek, alg)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := w.Write(plaintext); err != nil {
						b.Fatal(err)
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkDecrypt(b *testing.B) {
	for _, alg := range allAlgorithms {
		for _, size := range benchSizes {
			b.Run(fmt.Sprintf("%s/%dKiB", alg, size>>10), func(b *testing.B) {
				dek := NewDataKey()
				ciphertext := encryptBytes(b, dek, alg, testPlaintext(size), size+1)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					r, err := Decrypt(bytes.NewReader(ciphertext), dek)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := io.Copy(io.Discard, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkSealOpen(b *testing.B) {
	for _, s := range allSuites {
		k := mustDeriveKey(b, testMnemonic, "", s)
		dek := NewDataKey()
		b.Run("Seal/"+s.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Seal(k.Public(), dek, testBinding); err != nil {
					b.Fatal(err)
				}
			}
		})
		env, err := Seal(k.Public(), dek, testBinding)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("Open/"+s.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Open(k, env, testBinding); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
