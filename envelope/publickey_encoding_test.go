package envelope

import (
	"strings"
	"testing"

	"github.com/cosmos/btcutil/bech32"
)

func TestPublicKeyRoundTrip(t *testing.T) {
	for _, s := range allSuites {
		pk := mustDeriveKey(t, testMnemonic, "", s).Public()
		b := pk.Bytes()
		if b[0] != publicKeyVersion || Suite(b[1]) != s {
			t.Errorf("%s: binary starts %x, want version and suite", s, b[:2])
		}
		fromBytes, err := ParsePublicKey(b)
		if err != nil || !fromBytes.Equal(pk) {
			t.Errorf("%s: ParsePublicKey(Bytes()) = %v, %v", s, fromBytes, err)
		}
		str := pk.String()
		if !strings.HasPrefix(str, publicKeyHRP+"1") {
			t.Errorf("%s: printable form %q lacks the %q prefix", s, str[:12], publicKeyHRP)
		}
		if len(str) > maxPublicKeyStringLen {
			t.Errorf("%s: printable form is %d characters, parser allows %d", s, len(str), maxPublicKeyStringLen)
		}
		for _, form := range []string{str, strings.ToUpper(str)} {
			fromString, err := ParsePublicKeyString(form)
			if err != nil || !fromString.Equal(pk) {
				t.Errorf("%s: ParsePublicKeyString = %v, %v", s, fromString, err)
			}
		}
	}
	x := mustDeriveKey(t, testMnemonic, "", SuiteX25519).Public()
	if x.Equal(nil) {
		t.Error("a key equals nil")
	}
}

func TestParsePublicKeyErrors(t *testing.T) {
	x := mustDeriveKey(t, testMnemonic, "", SuiteX25519).Public().Bytes()
	withByte := func(i int, v byte) []byte {
		b := append([]byte(nil), x...)
		b[i] = v
		return b
	}
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrMalformedPublicKey},
		{"version only", x[:1], ErrMalformedPublicKey},
		{"version 2", withByte(0, 2), ErrUnsupportedVersion},
		{"unknown suite", withByte(1, 7), ErrUnknownSuite},
		{"short key", x[:len(x)-1], ErrMalformedPublicKey},
		{"long key", append(append([]byte(nil), x...), 0), ErrMalformedPublicKey},
		{"X25519 bytes labelled hybrid", withByte(1, byte(SuiteMLKEM768X25519)), ErrMalformedPublicKey},
	} {
		_, err := ParsePublicKey(c.in)
		checkSentinel(t, c.name, err, c.want, publicKeyErrors)
	}
}

func TestParsePublicKeyStringErrors(t *testing.T) {
	pk := mustDeriveKey(t, testMnemonic, "", SuiteX25519).Public()
	str := pk.String()
	otherHRP, err := bech32.EncodeFromBase256("msec", pk.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	flipped := []byte(str)
	flipped[20] = map[bool]byte{true: 'q', false: 'p'}[flipped[20] != 'q']
	for _, c := range []struct{ name, in string }{
		{"empty", ""},
		{"checksum", string(flipped)},
		{"mixed case", strings.ToUpper(str[:10]) + str[10:]},
		{"account prefix", otherHRP},
		{"too long", str + strings.Repeat("q", maxPublicKeyStringLen)},
		{"not bech32", "msecenc1" + strings.Repeat("b", 60)},
	} {
		_, err := ParsePublicKeyString(c.in)
		checkSentinel(t, c.name, err, ErrMalformedPublicKey, publicKeyErrors)
	}
}
