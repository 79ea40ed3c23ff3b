package envelope

import (
	"bytes"
	"slices"
	"testing"
)

func checkStreamError(t *testing.T, name string, err, want error) {
	t.Helper()
	checkSentinel(t, name, err, want, streamErrors)
}

// testStream is an encrypted stream split into header and segments.
type testStream struct {
	dek       DataKey
	plaintext []byte
	header    []byte
	segments  [][]byte
}

func newTestStream(t *testing.T, alg Algorithm, size int) testStream {
	t.Helper()
	s := testStream{dek: NewDataKey(), plaintext: testPlaintext(size)}
	ciphertext := encryptBytes(t, s.dek, alg, s.plaintext, segmentSize)
	s.header = ciphertext[:headerSize]
	for rest := ciphertext[headerSize:]; len(rest) > 0; {
		n := min(len(rest), segmentCiphertextSize)
		s.segments = append(s.segments, rest[:n])
		rest = rest[n:]
	}
	return s
}

// join assembles a stream from the header and the given segments.
func (s testStream) join(segments ...[]byte) []byte {
	return slices.Concat(append([][]byte{s.header}, segments...)...)
}

// seg returns segment i of the stream.
func (s testStream) seg(i int) []byte { return s.segments[i] }

func flipBit(b []byte, i int) []byte {
	out := bytes.Clone(b)
	out[i] ^= 0x01
	return out
}

type tamperCase struct {
	name       string
	ciphertext []byte
	want       error
	released   int // plaintext bytes Read may hand out before failing
}

func runTamperCases(t *testing.T, s testStream, cases []tamperCase) {
	t.Helper()
	for _, c := range cases {
		got, err := decryptBytes(c.ciphertext, s.dek, 32*1024)
		checkStreamError(t, c.name, err, c.want)
		if !bytes.Equal(got, s.plaintext[:c.released]) {
			t.Errorf("%s: released %d bytes, want exactly the first %d authenticated ones", c.name, len(got), c.released)
		}
	}
}

// Five segments: four full, the last 1000 bytes.
func TestStreamSegmentTampering(t *testing.T) {
	for _, alg := range allAlgorithms {
		s := newTestStream(t, alg, 4*segmentSize+1000)
		full := segmentSize
		last := s.seg(4)
		runTamperCases(t, s, []tamperCase{
			{"no segments", s.join(), ErrTruncated, 0},
			{"cut after segment 0", s.join(s.seg(0)), ErrTruncated, 0},
			{"cut after segment 3", s.join(s.seg(0), s.seg(1), s.seg(2), s.seg(3)), ErrTruncated, 3 * full},
			{"cut inside last segment's tag", s.join(s.seg(0), s.seg(1), s.seg(2), s.seg(3), last[:10]), ErrTruncated, 4 * full},
			{"segments 1 and 2 swapped", s.join(s.seg(0), s.seg(2), s.seg(1), s.seg(3), last), ErrReorderedSegment, full},
			{"segment 1 missing", s.join(s.seg(0), s.seg(2), s.seg(3), last), ErrReorderedSegment, full},
			{"segment 0 repeated", s.join(s.seg(0), s.seg(0), s.seg(1), s.seg(2), s.seg(3), last), ErrDuplicateSegment, full},
			{"segment 2 replaced by 1", s.join(s.seg(0), s.seg(1), s.seg(1), s.seg(3), last), ErrDuplicateSegment, 2 * full},
			{"bit flipped in segment 0", s.join(flipBit(s.seg(0), 0), s.seg(1), s.seg(2), s.seg(3), last), ErrCorrupted, 0},
			{"bit flipped in segment 2 tag", s.join(s.seg(0), s.seg(1), flipBit(s.seg(2), segmentCiphertextSize-1), s.seg(3), last), ErrCorrupted, 2 * full},
			{"bit flipped in last segment", s.join(s.seg(0), s.seg(1), s.seg(2), s.seg(3), flipBit(last, 500)), ErrCorrupted, 4 * full},
			// A cut inside a segment destroys its tag, so it reads as a modified
			// final segment: the two cannot be told apart (docs/encryption.md).
			{"cut inside segment 2", s.join(s.seg(0), s.seg(1), s.seg(2)[:40000]), ErrCorrupted, 2 * full},
		})
	}
}

// Three full segments: the last one is full-size too.
func TestStreamFullLastSegmentTampering(t *testing.T) {
	s := newTestStream(t, AES256GCM, 3*segmentSize)
	other := newTestStream(t, AES256GCM, 3*segmentSize)
	runTamperCases(t, s, []tamperCase{
		{"cut after segment 1", s.join(s.seg(0), s.seg(1)), ErrTruncated, segmentSize},
		{"byte appended", append(s.join(s.seg(0), s.seg(1), s.seg(2)), 0), ErrTrailingData, 2 * segmentSize},
		{"last segment repeated", s.join(s.seg(0), s.seg(1), s.seg(2), s.seg(2)), ErrTrailingData, 2 * segmentSize},
		{"last segment moved first", s.join(s.seg(2), s.seg(0), s.seg(1)), ErrReorderedSegment, 0},
		{"segment from another stream", s.join(s.seg(0), other.seg(1), s.seg(2)), ErrCorrupted, segmentSize},
	})
}

func TestStreamHeaderTampering(t *testing.T) {
	s := newTestStream(t, AES256GCM, 1000)
	body := s.seg(0)
	withHeaderByte := func(i int, v byte) []byte {
		h := bytes.Clone(s.header)
		h[i] = v
		return slices.Concat(h, body)
	}
	flipHeader := func(i int) []byte { return slices.Concat(flipBit(s.header, i), body) }
	wrongKey := NewDataKey()
	for _, c := range []struct {
		name       string
		ciphertext []byte
		dek        *DataKey
		want       error
	}{
		{"empty input", nil, nil, ErrTruncated},
		{"header cut", s.header[:50], nil, ErrTruncated},
		{"not a stream", []byte("%PDF-1.7 plaintext document"), nil, ErrMalformedHeader},
		{"magic changed", flipHeader(0), nil, ErrMalformedHeader},
		{"version 2", withHeaderByte(4, 2), nil, ErrUnsupportedVersion},
		{"unknown algorithm", withHeaderByte(5, 9), nil, ErrMalformedHeader},
		{"segment size changed", withHeaderByte(7, 2), nil, ErrMalformedHeader},
		{"algorithm swapped", withHeaderByte(5, byte(ChaCha20Poly1305)), nil, ErrHeaderTampered},
		{"salt changed", flipHeader(12), nil, ErrHeaderTampered},
		{"nonce prefix changed", flipHeader(30), nil, ErrHeaderTampered},
		{"MAC changed", flipHeader(headerSize - 1), nil, ErrHeaderTampered},
		// The key ID is the key commitment: changing it is a wrong key.
		{"key ID changed", flipHeader(40), nil, ErrWrongKey},
		{"wrong data key", s.join(body), &wrongKey, ErrWrongKey},
	} {
		dek := s.dek
		if c.dek != nil {
			dek = *c.dek
		}
		r, err := Decrypt(bytes.NewReader(c.ciphertext), dek)
		checkStreamError(t, c.name, err, c.want)
		if r != nil {
			t.Errorf("%s: Decrypt returned a reader with its error", c.name)
		}
	}
}

func TestDecryptStopsAtMaxSegments(t *testing.T) {
	s := newTestStream(t, AES256GCM, 2*segmentSize)
	r, err := Decrypt(bytes.NewReader(s.join(s.seg(0), s.seg(1))), s.dek)
	if err != nil {
		t.Fatal(err)
	}
	r.(*decryptReader).counter = maxSegments
	_, err = r.Read(make([]byte, 10))
	checkStreamError(t, "segment 2^32", err, ErrStreamTooLong)
}
