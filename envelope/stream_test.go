package envelope

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

var allAlgorithms = []Algorithm{AES256GCM, ChaCha20Poly1305}

// testPlaintext returns n deterministic pseudo-random bytes.
func testPlaintext(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{'m', 's', 'e', 'c'})
	_, _ = r.Read(b)
	return b
}

// encryptBytes encrypts plaintext in writes of at most writeSize bytes.
func encryptBytes(t testing.TB, dek DataKey, alg Algorithm, plaintext []byte, writeSize int) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := EncryptWithAlgorithm(&out, dek, alg)
	if err != nil {
		t.Fatal(err)
	}
	for p := plaintext; len(p) > 0; {
		n := min(len(p), writeSize)
		if written, err := w.Write(p[:n]); err != nil || written != n {
			t.Fatalf("Write = %d, %v; want %d", written, err, n)
		}
		p = p[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// decryptBytes decrypts a whole stream, reading readSize bytes at a time. It
// returns every plaintext byte Read released, even when it fails.
func decryptBytes(ciphertext []byte, dek DataKey, readSize int) ([]byte, error) {
	r, err := Decrypt(bytes.NewReader(ciphertext), dek)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	_, err = io.CopyBuffer(&out, onlyReader{r}, make([]byte, readSize))
	return out.Bytes(), err
}

// onlyReader hides any WriterTo so CopyBuffer uses the given buffer size.
type onlyReader struct{ io.Reader }

func segmentCount(plaintextSize int) int {
	return max(1, (plaintextSize+segmentSize-1)/segmentSize)
}

func TestStreamRoundTrip(t *testing.T) {
	sizes := []int{0, 1, segmentSize - 1, segmentSize, segmentSize + 1, 3 * segmentSize, 5*segmentSize + 12345}
	for _, alg := range allAlgorithms {
		for _, size := range sizes {
			dek := NewDataKey()
			plaintext := testPlaintext(size)
			for _, chunking := range []struct{ write, read int }{{size + 1, 32 * 1024}, {1000, 777}} {
				ciphertext := encryptBytes(t, dek, alg, plaintext, chunking.write)
				if want := headerSize + size + segmentCount(size)*tagSize; len(ciphertext) != want {
					t.Errorf("%s size %d: ciphertext is %d bytes, want %d", alg, size, len(ciphertext), want)
				}
				if size >= 16 && bytes.Contains(ciphertext, plaintext[:16]) {
					t.Errorf("%s size %d: plaintext visible in ciphertext", alg, size)
				}
				got, err := decryptBytes(ciphertext, dek, chunking.read)
				if err != nil {
					t.Fatalf("%s size %d: %v", alg, size, err)
				}
				if !bytes.Equal(got, plaintext) {
					t.Errorf("%s size %d writes %d reads %d: round trip changed the content", alg, size, chunking.write, chunking.read)
				}
			}
		}
	}
}

func TestStreamHeaderRecordsAlgorithm(t *testing.T) {
	dek := NewDataKey()
	for _, alg := range allAlgorithms {
		h, err := readHeader(bytes.NewReader(encryptBytes(t, dek, alg, []byte("x"), 1)))
		if err != nil {
			t.Fatal(err)
		}
		if h.algorithm != alg {
			t.Errorf("header algorithm %s, want %s", h.algorithm, alg)
		}
	}
	var buf bytes.Buffer
	w, err := Encrypt(&buf, dek)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if Algorithm(buf.Bytes()[5]) != AES256GCM {
		t.Errorf("Encrypt uses %s, want AES-256-GCM", Algorithm(buf.Bytes()[5]))
	}
}

func TestStreamFreshRandomness(t *testing.T) {
	dek := NewDataKey()
	a := encryptBytes(t, dek, AES256GCM, []byte("same content"), 100)
	b := encryptBytes(t, dek, AES256GCM, []byte("same content"), 100)
	if bytes.Equal(a[10:33], b[10:33]) {
		t.Error("two streams share salt and nonce prefix")
	}
	if NewDataKey() == NewDataKey() {
		t.Error("NewDataKey returned the same key twice")
	}
}

func TestEncryptWriterLifecycle(t *testing.T) {
	var buf bytes.Buffer
	w, err := Encrypt(&buf, NewDataKey())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("late")); err == nil {
		t.Error("Write after Close succeeded")
	}
	if err := w.Close(); err == nil {
		t.Error("second Close succeeded")
	}
	if _, err := EncryptWithAlgorithm(&buf, NewDataKey(), Algorithm(9)); err == nil {
		t.Error("unknown algorithm accepted")
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}

func TestEncryptReportsWriteErrors(t *testing.T) {
	if _, err := Encrypt(&failingWriter{after: 0}, NewDataKey()); err == nil {
		t.Error("header write error not reported")
	}
	w, err := Encrypt(&failingWriter{after: 1}, NewDataKey())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 2*segmentSize)); err == nil {
		t.Error("segment write error not reported")
	}
	if err := w.Close(); err == nil {
		t.Error("Close after a failed write succeeded")
	}
}

func TestEncryptStopsAtMaxSegments(t *testing.T) {
	w, err := Encrypt(io.Discard, NewDataKey())
	if err != nil {
		t.Fatal(err)
	}
	w.(*encryptWriter).counter = maxSegments - 1
	if _, err := w.Write(make([]byte, segmentSize+1)); err != nil {
		t.Fatalf("segment %d: %v", maxSegments-1, err)
	}
	if err := w.Close(); !errors.Is(err, ErrStreamTooLong) {
		t.Errorf("segment 2^32: %v, want ErrStreamTooLong", err)
	}
}

type failingReader struct{ data []byte }

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, errors.New("connection reset")
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestDecryptReportsReadErrors(t *testing.T) {
	dek := NewDataKey()
	ciphertext := encryptBytes(t, dek, AES256GCM, testPlaintext(3*segmentSize), segmentSize)
	if _, err := Decrypt(&failingReader{ciphertext[:10]}, dek); err == nil || errors.Is(err, ErrTruncated) {
		t.Errorf("header read error: %v, want the I/O error", err)
	}
	r, err := Decrypt(&failingReader{ciphertext[:headerSize+segmentCiphertextSize+10]}, dek)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(r); err == nil || errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupted) {
		t.Errorf("segment read error: %v, want the I/O error", err)
	}
}

func TestDecryptZeroLengthRead(t *testing.T) {
	dek := NewDataKey()
	r, err := Decrypt(bytes.NewReader(encryptBytes(t, dek, AES256GCM, []byte("abc"), 3)), dek)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := r.Read(nil); n != 0 || err != nil {
		t.Errorf("Read(nil) = %d, %v", n, err)
	}
	got, err := io.ReadAll(r)
	if err != nil || string(got) != "abc" {
		t.Errorf("ReadAll = %q, %v", got, err)
	}
	if n, err := r.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("Read after EOF = %d, %v", n, err)
	}
}

// Constant memory: a stream of 8 segments allocates exactly what a stream of
// one does (buffers are per stream, nothing is per segment).
func TestStreamAllocationsDoNotGrowWithSize(t *testing.T) {
	dek := NewDataKey()
	allocs := func(size int) (enc, dec float64) {
		plaintext := testPlaintext(size)
		ciphertext := encryptBytes(t, dek, AES256GCM, plaintext, size+1)
		enc = testing.AllocsPerRun(5, func() {
			w, _ := Encrypt(io.Discard, dek)
			_, _ = w.Write(plaintext)
			_ = w.Close()
		})
		dec = testing.AllocsPerRun(5, func() {
			r, _ := Decrypt(bytes.NewReader(ciphertext), dek)
			_, _ = io.Copy(io.Discard, r)
		})
		return enc, dec
	}
	encSmall, decSmall := allocs(10)
	encLarge, decLarge := allocs(8 * segmentSize)
	if encLarge != encSmall || decLarge != decSmall {
		t.Errorf("allocations grow with size: encrypt %v -> %v, decrypt %v -> %v", encSmall, encLarge, decSmall, decLarge)
	}
}
