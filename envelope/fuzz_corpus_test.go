package envelope

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The committed seed corpora double as format vectors: their valid seeds
// were made by this package's encoders with the fixed fuzz keys, so
// TestFuzzSeedCorpus decrypting them proves today's code still reads
// yesterday's streams and envelopes. Regenerate (new random salts and
// encapsulations, same plaintexts) with
//
//	go test ./envelope -run TestFuzzSeedCorpus -update-fuzz-corpus
var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpora under testdata/fuzz")

const fuzzCorpusDir = "testdata/fuzz"

// seedStreamSizes are the plaintext sizes of the valid stream seeds, per
// algorithm: empty, one byte, and two segments (a full one and a 1-byte last).
var seedStreamSizes = map[Algorithm][]int{
	AES256GCM:        {0, 1, segmentSize + 1},
	ChaCha20Poly1305: {100},
}

func validStreamSeedName(alg Algorithm, size int) string {
	return fmt.Sprintf("valid-%s-%d", strings.ToLower(strings.ReplaceAll(alg.String(), "-", "")), size)
}

func validEnvelopeSeedName(s Suite) string {
	return "valid-" + strings.ToLower(strings.ReplaceAll(s.String(), "-", ""))
}

// writeFuzzCorpus writes every seed corpus from scratch.
func writeFuzzCorpus(t *testing.T) {
	seeds := map[string]map[string][]byte{
		"FuzzDecrypt": {}, "FuzzStreamHeader": {}, "FuzzOpenEnvelope": {}, "FuzzParsePublicKey": {},
	}
	stringSeeds := map[string]string{}
	for alg, sizes := range seedStreamSizes {
		for _, size := range sizes {
			seeds["FuzzDecrypt"][validStreamSeedName(alg, size)] = encryptBytes(t, fuzzDataKey, alg, testPlaintext(size), segmentSize)
		}
	}
	valid := seeds["FuzzDecrypt"][validStreamSeedName(AES256GCM, 1)]
	otherKey := DataKey(sha256.Sum256([]byte("another data key")))
	seeds["FuzzDecrypt"]["header-only"] = valid[:headerSize]
	seeds["FuzzDecrypt"]["header-cut"] = valid[:50]
	seeds["FuzzDecrypt"]["not-a-stream"] = []byte("%PDF-1.7 not a stream")
	seeds["FuzzDecrypt"]["wrong-key"] = encryptBytes(t, otherKey, AES256GCM, []byte("other key"), 9)
	seeds["FuzzStreamHeader"]["valid"] = valid[:headerSize]
	seeds["FuzzStreamHeader"]["version-2"] = append([]byte(streamMagic+"\x02"), valid[5:headerSize]...)
	seeds["FuzzStreamHeader"]["cut"] = valid[:20]

	for s, k := range fuzzIdentities() {
		env := mustSeal(t, k.Public(), fuzzDataKey, fuzzBinding)
		seeds["FuzzOpenEnvelope"][validEnvelopeSeedName(s)] = env
		seeds["FuzzParsePublicKey"][validEnvelopeSeedName(s)] = k.Public().Bytes()
		stringSeeds[validEnvelopeSeedName(s)] = k.Public().String()
		if s == SuiteX25519 {
			other := fuzzBinding
			other.RecordID = "another record"
			seeds["FuzzOpenEnvelope"]["other-binding"] = mustSeal(t, k.Public(), fuzzDataKey, other)
			seeds["FuzzOpenEnvelope"]["cut"] = env[:len(env)-1]
			stringSeeds["upper-case"] = strings.ToUpper(k.Public().String())
		}
	}
	for target, files := range seeds {
		for name, data := range files {
			writeSeed(t, target, name, fmt.Sprintf("[]byte(%q)", data))
		}
	}
	for name, s := range stringSeeds {
		writeSeed(t, "FuzzParsePublicKeyString", name, fmt.Sprintf("string(%q)", s))
	}
}

func writeSeed(t *testing.T, target, name, value string) {
	dir := filepath.Join(fuzzCorpusDir, target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	content := "go test fuzz v1\n" + value + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readSeed decodes a one-argument seed file ([]byte or string).
func readSeed(t *testing.T, target, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fuzzCorpusDir, target, name))
	if err != nil {
		t.Fatal(err)
	}
	header, value, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
	if header != "go test fuzz v1" {
		t.Fatalf("%s/%s: not a fuzz seed file", target, name)
	}
	for _, wrapper := range []string{"[]byte(", "string("} {
		if inner, ok := strings.CutPrefix(value, wrapper); ok {
			s, err := strconv.Unquote(strings.TrimSuffix(inner, ")"))
			if err != nil {
				t.Fatalf("%s/%s: %v", target, name, err)
			}
			return []byte(s)
		}
	}
	t.Fatalf("%s/%s: unexpected value %.40s", target, name, value)
	return nil
}

func TestFuzzSeedCorpus(t *testing.T) {
	if *updateFuzzCorpus {
		writeFuzzCorpus(t)
	}
	for _, target := range []string{"FuzzDecrypt", "FuzzStreamHeader", "FuzzOpenEnvelope", "FuzzParsePublicKey", "FuzzParsePublicKeyString"} {
		entries, err := os.ReadDir(filepath.Join(fuzzCorpusDir, target))
		if err != nil || len(entries) == 0 {
			t.Errorf("%s: no committed seed corpus (%v)", target, err)
		}
	}
	for alg, sizes := range seedStreamSizes {
		for _, size := range sizes {
			name := validStreamSeedName(alg, size)
			r, err := Decrypt(bytes.NewReader(readSeed(t, "FuzzDecrypt", name)), fuzzDataKey)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, testPlaintext(size)) {
				t.Errorf("%s: decrypts to %d bytes (%v), want the %d-byte test plaintext", name, len(got), err, size)
			}
		}
	}
	for s, k := range fuzzIdentities() {
		name := validEnvelopeSeedName(s)
		if dek, err := Open(k, readSeed(t, "FuzzOpenEnvelope", name), fuzzBinding); err != nil || dek != fuzzDataKey {
			t.Errorf("%s envelope seed: %v, or not the fuzz data key", name, err)
		}
		if pk, err := ParsePublicKey(readSeed(t, "FuzzParsePublicKey", name)); err != nil || !pk.Equal(k.Public()) {
			t.Errorf("%s public key seed: %v, or not the test mnemonic's key", name, err)
		}
		if pk, err := ParsePublicKeyString(string(readSeed(t, "FuzzParsePublicKeyString", name))); err != nil || !pk.Equal(k.Public()) {
			t.Errorf("%s printable key seed: %v, or not the test mnemonic's key", name, err)
		}
	}
}
