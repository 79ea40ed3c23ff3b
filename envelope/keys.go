package envelope

import (
	"crypto/hkdf"
	"crypto/hpke"
	"crypto/sha256"
	"fmt"

	"github.com/cosmos/go-bip39"
)

// keyDerivationSalt versions the mnemonic -> encryption key derivation. It is
// what keeps the encryption key apart from the account's secp256k1 key, which
// BIP32 derives from the same seed with HMAC-SHA512 keyed by "Bitcoin seed".
const keyDerivationSalt = "msec/encryption-key/v1"

// PublicKey is a recipient's encryption public key: what is registered on
// chain and what envelopes are sealed to.
type PublicKey struct {
	suite Suite
	key   hpke.PublicKey
}

// Suite returns the key's HPKE suite.
func (pk *PublicKey) Suite() Suite { return pk.suite }

// Equal reports whether pk and other are the same key of the same suite.
func (pk *PublicKey) Equal(other *PublicKey) bool {
	return other != nil && pk.suite == other.suite && string(pk.key.Bytes()) == string(other.key.Bytes())
}

// PrivateKey is an encryption key pair: what opens envelopes.
type PrivateKey struct {
	suite  Suite
	key    hpke.PrivateKey
	public *PublicKey
}

// Suite returns the key's HPKE suite.
func (k *PrivateKey) Suite() Suite { return k.suite }

// Public returns the public half of the key pair.
func (k *PrivateKey) Public() *PublicKey { return k.public }

// DeriveKey derives the encryption key pair of the given suite from a BIP39
// mnemonic and optional passphrase, the same inputs the wallet's signing key
// comes from. The derivation is specified in docs/encryption.md:
//
//	seed = BIP39 seed(mnemonic, passphrase)             (64 bytes)
//	ikm  = HKDF-SHA256(seed, salt="msec/encryption-key/v1",
//	                   info="msec/encryption-key/v1/suite/<id>", 32 bytes)
//	key  = KEM.DeriveKeyPair(ikm)                      (RFC 9180 7.1.3)
func DeriveKey(mnemonic, passphrase string, suite Suite) (*PrivateKey, error) {
	p, err := suite.params()
	if err != nil {
		return nil, err
	}
	seed, err := bip39.NewSeedWithErrorChecking(mnemonic, passphrase)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidMnemonic, err)
	}
	info := fmt.Sprintf("%s/suite/%d", keyDerivationSalt, uint8(suite))
	ikm, err := hkdf.Key(sha256.New, seed, []byte(keyDerivationSalt), info, 32)
	if err != nil {
		return nil, fmt.Errorf("envelope: deriving key material: %w", err)
	}
	key, err := p.kem.DeriveKeyPair(ikm)
	if err != nil {
		return nil, fmt.Errorf("envelope: deriving %s key pair: %w", suite, err)
	}
	return &PrivateKey{
		suite:  suite,
		key:    key,
		public: &PublicKey{suite: suite, key: key.PublicKey()},
	}, nil
}
