package envelope

import (
	"bytes"
	"testing"
)

var privateKeyErrors = []error{ErrMalformedPrivateKey, ErrUnsupportedVersion, ErrUnknownSuite}

// A private key survives its encoding: the parsed key has the same public
// key and opens an envelope sealed to the original.
func TestPrivateKeyRoundTrip(t *testing.T) {
	for _, suite := range []Suite{SuiteX25519, SuiteMLKEM768X25519} {
		key, err := DeriveKey(testMnemonic, "", suite)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := key.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if enc[0] != 0x01 || Suite(enc[1]) != suite {
			t.Fatalf("%s: header %x", suite, enc[:2])
		}
		parsed, err := ParsePrivateKey(enc)
		if err != nil {
			t.Fatalf("%s: %v", suite, err)
		}
		if !parsed.Public().Equal(key.Public()) || parsed.Suite() != suite {
			t.Fatalf("%s: parsed key has another public key", suite)
		}
		dek := NewDataKey()
		b := Binding{ChainID: "msec-1", RecordID: "7", Version: 1, Recipient: "msec1reader"}
		env, err := Seal(key.Public(), dek, b)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Open(parsed, env, b)
		if err != nil || got != dek {
			t.Fatalf("%s: parsed key does not open the envelope: %v", suite, err)
		}
		again, err := parsed.MarshalBinary()
		if err != nil || !bytes.Equal(again, enc) {
			t.Fatalf("%s: encoding is not stable", suite)
		}
	}
}

func TestParsePrivateKeyRejects(t *testing.T) {
	key, err := DeriveKey(testMnemonic, "", SuiteX25519)
	if err != nil {
		t.Fatal(err)
	}
	good, err := key.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrMalformedPrivateKey},
		{"version", append([]byte{0x02}, good[1:]...), ErrUnsupportedVersion},
		{"suite", append([]byte{0x01, 0x09}, good[2:]...), ErrUnknownSuite},
		{"short", good[:len(good)-1], ErrMalformedPrivateKey},
		{"long", append(append([]byte(nil), good...), 0), ErrMalformedPrivateKey},
	}
	for _, c := range cases {
		_, err := ParsePrivateKey(c.in)
		checkSentinel(t, c.name, err, c.want, privateKeyErrors)
	}
}
