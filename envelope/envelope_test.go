package envelope

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"strings"
	"testing"
)

func checkEnvelopeError(t *testing.T, name string, err, want error) {
	t.Helper()
	checkSentinel(t, name, err, want, envelopeErrors)
}

func mustSeal(t *testing.T, pk *PublicKey, dek DataKey, b Binding) []byte {
	t.Helper()
	env, err := Seal(pk, dek, b)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func TestEnvelopeRoundTrip(t *testing.T) {
	for _, s := range allSuites {
		k := mustDeriveKey(t, testMnemonic, "", s)
		dek := NewDataKey()
		env := mustSeal(t, k.Public(), dek, testBinding)
		binding, _ := testBinding.MarshalBinary()
		want := envelopeFixedSize + len(binding) + suites[s].encSize
		if len(env) != want {
			t.Errorf("%s: envelope is %d bytes, want %d", s, len(env), want)
		}
		got, err := Open(k, env, testBinding)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got != dek {
			t.Errorf("%s: opened a different data key", s)
		}
		again := mustSeal(t, k.Public(), dek, testBinding)
		if bytes.Equal(env, again) {
			t.Errorf("%s: two seals of the same key are identical (no fresh encapsulation)", s)
		}
		if bytes.Contains(env, dek[:]) {
			t.Errorf("%s: data key visible in envelope", s)
		}
	}
}

func TestEnvelopeWrongBinding(t *testing.T) {
	for _, s := range allSuites {
		k := mustDeriveKey(t, testMnemonic, "", s)
		env := mustSeal(t, k.Public(), NewDataKey(), testBinding)
		for field, mutate := range map[string]func(*Binding){
			"chain ID":  func(b *Binding) { b.ChainID = "msec-2" },
			"record ID": func(b *Binding) { b.RecordID = "rec-43" },
			"version":   func(b *Binding) { b.Version++ },
			"recipient": func(b *Binding) { b.Recipient = "msec1other" },
		} {
			other := testBinding
			mutate(&other)
			_, err := Open(k, env, other)
			checkEnvelopeError(t, s.String()+" "+field, err, ErrBindingMismatch)
			if err != nil && !strings.Contains(err.Error(), field) {
				t.Errorf("%s: error %q does not name the %s", s, err, field)
			}
		}
	}
}

// An attacker who rewrites the clear binding to another record's gets past
// the diagnostic comparison, but not HPKE: the info differs.
func TestEnvelopeRelabelledBinding(t *testing.T) {
	for _, s := range allSuites {
		k := mustDeriveKey(t, testMnemonic, "", s)
		env := mustSeal(t, k.Public(), NewDataKey(), testBinding)
		e, err := parseEnvelope(env)
		if err != nil {
			t.Fatal(err)
		}
		target := testBinding
		target.RecordID = "rec-99"
		targetEnc, _ := target.MarshalBinary()
		relabelled := slices.Concat(envelopePrefix(s, e.hint, targetEnc), e.enc, e.sealedKey)
		_, err = Open(k, relabelled, target)
		checkEnvelopeError(t, s.String()+" relabelled", err, ErrEnvelopeTampered)
	}
}

func TestEnvelopeWrongRecipient(t *testing.T) {
	k := mustDeriveKey(t, testMnemonic, "", SuiteX25519)
	env := mustSeal(t, k.Public(), NewDataKey(), testBinding)
	for name, other := range map[string]*PrivateKey{
		"other key":   mustDeriveKey(t, otherTestMnemonic, "", SuiteX25519),
		"other suite": mustDeriveKey(t, testMnemonic, "", SuiteMLKEM768X25519),
	} {
		_, err := Open(other, env, testBinding)
		checkEnvelopeError(t, name, err, ErrNotRecipient)
	}
}

func TestEnvelopeTampering(t *testing.T) {
	for _, s := range allSuites {
		k := mustDeriveKey(t, testMnemonic, "", s)
		env := mustSeal(t, k.Public(), NewDataKey(), testBinding)
		encStart := len(env) - sealedKeySize - suites[s].encSize
		recordIDByte := 6 + keyHintSize + 2 + len(testBinding.ChainID) + 2
		withByte := func(i int, v byte) []byte {
			b := bytes.Clone(env)
			b[i] = v
			return b
		}
		for _, c := range []struct {
			name string
			env  []byte
			want error
		}{
			{"empty", nil, ErrMalformedEnvelope},
			{"magic", flipBit(env, 0), ErrMalformedEnvelope},
			{"version 2", withByte(4, 2), ErrUnsupportedVersion},
			{"suite 9", withByte(5, 9), ErrUnknownSuite},
			{"key hint", flipBit(env, 6), ErrNotRecipient},
			{"binding byte", flipBit(env, recordIDByte), ErrBindingMismatch},
			{"binding length", withByte(6+keyHintSize+1, 200), ErrMalformedEnvelope},
			{"enc", flipBit(env, encStart+3), ErrEnvelopeTampered},
			{"sealed key", flipBit(env, len(env)-20), ErrEnvelopeTampered},
			{"tag", flipBit(env, len(env)-1), ErrEnvelopeTampered},
			{"cut", env[:len(env)-1], ErrMalformedEnvelope},
			{"extended", append(bytes.Clone(env), 0), ErrMalformedEnvelope},
		} {
			dek, err := Open(k, c.env, testBinding)
			checkEnvelopeError(t, s.String()+" "+c.name, err, c.want)
			if dek != (DataKey{}) {
				t.Errorf("%s %s: returned a data key with an error", s, c.name)
			}
		}
	}
}

func TestEnvelopeInvalidBinding(t *testing.T) {
	k := mustDeriveKey(t, testMnemonic, "", SuiteX25519)
	invalid := Binding{ChainID: "msec-1", Version: 1, Recipient: "msec1reader"}
	_, err := Seal(k.Public(), NewDataKey(), invalid)
	checkEnvelopeError(t, "Seal", err, ErrInvalidBinding)
	env := mustSeal(t, k.Public(), NewDataKey(), testBinding)
	_, err = Open(k, env, invalid)
	checkEnvelopeError(t, "Open", err, ErrInvalidBinding)
}

func TestCommitment(t *testing.T) {
	k := mustDeriveKey(t, testMnemonic, "", SuiteX25519)
	a := mustSeal(t, k.Public(), NewDataKey(), testBinding)
	b := mustSeal(t, k.Public(), NewDataKey(), testBinding)
	if Commitment(a) != sha256.Sum256(a) {
		t.Error("Commitment is not SHA-256 of the envelope")
	}
	if Commitment(a) == Commitment(b) {
		t.Error("two envelopes share a commitment")
	}
	if Commitment(a) != Commitment(bytes.Clone(a)) {
		t.Error("Commitment is not deterministic")
	}
}
