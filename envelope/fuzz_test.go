package envelope

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Fuzz targets. Seed corpora live in testdata/fuzz/<target>/; their valid
// seeds are made with the fixed keys below (see fuzz_corpus_test.go). Run
// one with e.g.
//
//	go test ./envelope -run '^$' -fuzz '^FuzzDecrypt$' -fuzztime 60s

// fuzzDataKey encrypts the valid stream seeds and is sealed in the valid
// envelope seeds.
var fuzzDataKey = DataKey(sha256.Sum256([]byte("msec envelope fuzz data key")))

// fuzzBinding binds the valid envelope seeds.
var fuzzBinding = Binding{ChainID: "msec-fuzz", RecordID: "record", Version: 1, Recipient: "msec1fuzz"}

// fuzzIdentities are the test mnemonic's keys, one per suite.
var fuzzIdentities = sync.OnceValue(func() map[Suite]*PrivateKey {
	ids := map[Suite]*PrivateKey{}
	for _, s := range allSuites {
		k, err := DeriveKey(testMnemonic, "", s)
		if err != nil {
			panic(err)
		}
		ids[s] = k
	}
	return ids
})

// requireOneOf fails t unless err wraps one of the sentinels: every failure
// the decoders report must say which check failed.
func requireOneOf(t *testing.T, err error, sentinels []error) {
	t.Helper()
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("unclassified error: %v", err)
}

func FuzzDecrypt(f *testing.F) {
	f.Fuzz(func(t *testing.T, ciphertext []byte) {
		r, err := Decrypt(bytes.NewReader(ciphertext), fuzzDataKey)
		if err != nil {
			requireOneOf(t, err, streamErrors)
			return
		}
		plaintext, err := io.ReadAll(r)
		if err != nil {
			requireOneOf(t, err, streamErrors)
			return
		}
		// Every input byte is accounted for: header, plaintext, one tag per
		// segment.
		segments := int(r.(*decryptReader).counter)
		if want := headerSize + len(plaintext) + segments*tagSize; len(ciphertext) != want {
			t.Fatalf("decrypted %d bytes in %d segments from %d bytes of input", len(plaintext), segments, len(ciphertext))
		}
	})
}

func FuzzStreamHeader(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := readHeader(bytes.NewReader(data))
		if err != nil {
			requireOneOf(t, err, streamErrors)
			return
		}
		if got := h.marshal(); !bytes.Equal(got, data[:headerSize]) {
			t.Fatalf("header re-encodes as %x, parsed from %x", got, data[:headerSize])
		}
		if err := h.verify(&fuzzDataKey); err != nil {
			requireOneOf(t, err, []error{ErrWrongKey, ErrHeaderTampered})
		}
	})
}

func FuzzOpenEnvelope(f *testing.F) {
	f.Fuzz(func(t *testing.T, envelope []byte) {
		e, err := parseEnvelope(envelope)
		if err != nil {
			requireOneOf(t, err, envelopeErrors)
			return
		}
		binding, err := e.binding.MarshalBinary()
		if err != nil {
			t.Fatalf("parsed binding does not encode: %v", err)
		}
		if got := slices.Concat(envelopePrefix(e.suite, e.hint, binding), e.enc, e.sealedKey); !bytes.Equal(got, envelope) {
			t.Fatalf("envelope re-encodes differently:\n got %x\nwant %x", got, envelope)
		}
		if _, err := Open(fuzzIdentities()[e.suite], envelope, fuzzBinding); err != nil {
			requireOneOf(t, err, envelopeErrors)
		}
	})
}

func FuzzParsePublicKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pk, err := ParsePublicKey(data)
		if err != nil {
			requireOneOf(t, err, publicKeyErrors)
			return
		}
		if !bytes.Equal(pk.Bytes(), data) {
			t.Fatalf("key re-encodes as %x, parsed from %x", pk.Bytes(), data)
		}
		again, err := ParsePublicKeyString(pk.String())
		if err != nil || !again.Equal(pk) {
			t.Fatalf("printable form does not round-trip: %v", err)
		}
	})
}

func FuzzParsePublicKeyString(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		pk, err := ParsePublicKeyString(s)
		if err != nil {
			requireOneOf(t, err, publicKeyErrors)
			return
		}
		if got := pk.String(); got != strings.ToLower(s) {
			t.Fatalf("key re-encodes as %q, parsed from %q", got, s)
		}
	})
}
