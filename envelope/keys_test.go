package envelope

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
)

const (
	testMnemonic      = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
	otherTestMnemonic = "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote"
)

var allSuites = []Suite{SuiteX25519, SuiteMLKEM768X25519}

// keyVector is one entry of testdata/keys-v1.json.
type keyVector struct {
	Mnemonic        string `json:"mnemonic"`
	Passphrase      string `json:"passphrase"`
	Suite           Suite  `json:"suite"`
	SuiteName       string `json:"suite_name"`
	PublicKey       string `json:"public_key"`
	PublicKeySHA256 string `json:"public_key_sha256"`
}

func loadKeyVectors(t *testing.T) []keyVector {
	t.Helper()
	data, err := os.ReadFile("testdata/keys-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Vectors []keyVector }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors in testdata/keys-v1.json")
	}
	return file.Vectors
}

func mustDeriveKey(t testing.TB, mnemonic, passphrase string, suite Suite) *PrivateKey {
	t.Helper()
	k, err := DeriveKey(mnemonic, passphrase, suite)
	if err != nil {
		t.Fatalf("DeriveKey(%s): %v", suite, err)
	}
	return k
}

func TestDeriveKeyVectors(t *testing.T) {
	seen := map[Suite]bool{}
	for _, v := range loadKeyVectors(t) {
		seen[v.Suite] = true
		k := mustDeriveKey(t, v.Mnemonic, v.Passphrase, v.Suite)
		if got := k.Public().String(); got != v.PublicKey {
			t.Errorf("%s %q passphrase %q:\n got %s\nwant %s", v.SuiteName, v.Mnemonic[:12], v.Passphrase, got, v.PublicKey)
		}
		sum := sha256.Sum256(k.Public().Bytes())
		if got := hex.EncodeToString(sum[:]); got != v.PublicKeySHA256 {
			t.Errorf("%s: SHA-256 of public key %s, want %s", v.SuiteName, got, v.PublicKeySHA256)
		}
		if v.Suite.String() != v.SuiteName {
			t.Errorf("suite %d is named %q, vector says %q", v.Suite, v.Suite, v.SuiteName)
		}
	}
	for _, s := range allSuites {
		if !seen[s] {
			t.Errorf("no vector for suite %s", s)
		}
	}
}

// The spec lists the vectors too; this keeps the two from drifting apart.
func TestDocsListKeyVectors(t *testing.T) {
	doc, err := os.ReadFile("../docs/encryption.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range loadKeyVectors(t) {
		if v.Suite == SuiteX25519 && !bytes.Contains(doc, []byte(v.PublicKey)) {
			t.Errorf("docs/encryption.md lacks X25519 vector %s", v.PublicKey)
		}
		if !bytes.Contains(doc, []byte(v.PublicKeySHA256)) {
			t.Errorf("docs/encryption.md lacks %s vector digest %s", v.SuiteName, v.PublicKeySHA256)
		}
	}
}

func TestDeriveKeyDeterministic(t *testing.T) {
	for _, s := range allSuites {
		a := mustDeriveKey(t, testMnemonic, "", s)
		b := mustDeriveKey(t, testMnemonic, "", s)
		if !a.Public().Equal(b.Public()) {
			t.Errorf("%s: same mnemonic gave different keys", s)
		}
		if a.Public().Suite() != s || a.Suite() != s {
			t.Errorf("%s: key reports suite %s / %s", s, a.Public().Suite(), a.Suite())
		}
	}
}

func TestDeriveKeyInputsMatter(t *testing.T) {
	for _, s := range allSuites {
		base := mustDeriveKey(t, testMnemonic, "", s).Public()
		for name, other := range map[string]*PublicKey{
			"passphrase": mustDeriveKey(t, testMnemonic, "city", s).Public(),
			"mnemonic":   mustDeriveKey(t, otherTestMnemonic, "", s).Public(),
		} {
			if base.Equal(other) {
				t.Errorf("%s: different %s gave the same key", s, name)
			}
		}
	}
	x := mustDeriveKey(t, testMnemonic, "", SuiteX25519)
	pq := mustDeriveKey(t, testMnemonic, "", SuiteMLKEM768X25519)
	xPriv, _ := x.key.Bytes()
	pqSeed, _ := pq.key.Bytes()
	if bytes.Equal(xPriv, pqSeed) {
		t.Error("both suites derived the same secret bytes")
	}
}

// The encryption key must share no bytes with the account signing key the
// Cosmos SDK derives from the same mnemonic (BIP44 m/44'/118'/0'/0/0).
func TestEncryptionKeyIsNotSigningKey(t *testing.T) {
	for _, passphrase := range []string{"", "TREZOR"} {
		signing, err := hd.Secp256k1.Derive()(testMnemonic, passphrase, "m/44'/118'/0'/0/0")
		if err != nil {
			t.Fatal(err)
		}
		if len(signing) != 32 {
			t.Fatalf("signing key is %d bytes", len(signing))
		}
		for _, s := range allSuites {
			k := mustDeriveKey(t, testMnemonic, passphrase, s)
			secret, err := k.key.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(secret, signing) {
				t.Errorf("%s: encryption secret equals the signing key", s)
			}
			if bytes.Contains(k.Public().Bytes(), signing) {
				t.Errorf("%s: public key contains the signing key", s)
			}
		}
	}
}

func TestDeriveKeyErrors(t *testing.T) {
	if _, err := DeriveKey("abandon abandon abandon", "", SuiteX25519); !errors.Is(err, ErrInvalidMnemonic) {
		t.Errorf("short mnemonic: %v, want ErrInvalidMnemonic", err)
	}
	badChecksum := strings.Replace(testMnemonic, "about", "abandon", 1)
	if _, err := DeriveKey(badChecksum, "", SuiteX25519); !errors.Is(err, ErrInvalidMnemonic) {
		t.Errorf("bad checksum: %v, want ErrInvalidMnemonic", err)
	}
	if _, err := DeriveKey(testMnemonic, "", Suite(9)); !errors.Is(err, ErrUnknownSuite) {
		t.Errorf("suite 9: %v, want ErrUnknownSuite", err)
	}
}
