package ccdbclient

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
)

// The encryption key file: the SDK keyring keeps only the signing key, so
// the encryption key derived from the same mnemonic is kept beside it, one
// file per account, mode 0600 in a 0700 directory, its private key
// encrypted with a passphrase (age, scrypt) unless the keyring itself is
// unencrypted (backend "test").
type keyFile struct {
	Version   int    `json:"version"`
	Address   string `json:"address"`
	PublicKey string `json:"public_key"`
	Encrypted bool   `json:"encrypted"`
	// PrivateKey is base64 of the envelope encoding, or of its age
	// (scrypt) encryption when Encrypted.
	PrivateKey string `json:"private_key"`
}

// KeyFilePath is where the encryption key of address lives under a client
// home.
func KeyFilePath(home, address string) string {
	return filepath.Join(home, "ccdb", "keys", address+".json")
}

// DeriveAccountKey derives the encryption key of suite from a wallet
// mnemonic, after checking that the mnemonic's signing key (at hdPath) is
// the account's: a mistyped or foreign mnemonic is refused.
func DeriveAccountKey(mnemonic, bip39Passphrase, hdPath string, suite envelope.Suite, account sdk.AccAddress) (*envelope.PrivateKey, error) {
	derived, err := hd.Secp256k1.Derive()(mnemonic, bip39Passphrase, hdPath)
	if err != nil {
		return nil, fmt.Errorf("%w: mnemonic: %v", ErrBadInput, err)
	}
	got := sdk.AccAddress((&secp256k1.PrivKey{Key: derived}).PubKey().Address())
	if !got.Equals(account) {
		return nil, fmt.Errorf("%w: this mnemonic derives %s, not %s (wrong mnemonic, passphrase or --hd-path)", ErrWrongKey, got, account)
	}
	return envelope.DeriveKey(mnemonic, bip39Passphrase, suite)
}

// SaveKey writes key for address to path; passphrase "" stores it
// unencrypted. An existing file with another key is not overwritten.
func SaveKey(path, address string, key *envelope.PrivateKey, passphrase string) error {
	if old, err := os.ReadFile(path); err == nil {
		var f keyFile
		if json.Unmarshal(old, &f) == nil && f.PublicKey == key.Public().String() {
			return nil
		}
		return fmt.Errorf("%w: %s already holds another encryption key for %s; move it away first", ErrBadInput, path, address)
	}
	raw, err := key.MarshalBinary()
	if err != nil {
		return err
	}
	f := keyFile{Version: 1, Address: address, PublicKey: key.Public().String()}
	if passphrase != "" {
		recipient, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		w, err := age.Encrypt(&buf, recipient)
		if err != nil {
			return err
		}
		if _, err := w.Write(raw); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		raw, f.Encrypted = buf.Bytes(), true
	}
	f.PrivateKey = base64.StdEncoding.EncodeToString(raw)
	bz, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, append(bz, '\n'), 0o600)
}

// LoadKey reads the key file of address; passphrase is asked only if the
// file is encrypted.
func LoadKey(path, address string, passphrase func() (string, error)) (*envelope.PrivateKey, error) {
	bz, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: no encryption key for %s in %s; run: msecd ccdb keys init --from <key>", ErrNoEncryptionKey, address, path)
	}
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s is readable by others (mode %o); chmod 600 it", ErrBadInput, path, info.Mode().Perm())
	}
	var f keyFile
	if err := json.Unmarshal(bz, &f); err != nil || f.Version != 1 {
		return nil, fmt.Errorf("%w: %s is not an encryption key file", ErrBadInput, path)
	}
	if f.Address != address {
		return nil, fmt.Errorf("%w: %s holds the key of %s, not %s", ErrWrongKey, path, f.Address, address)
	}
	raw, err := base64.StdEncoding.DecodeString(f.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadInput, path, err)
	}
	if f.Encrypted {
		pass, err := passphrase()
		if err != nil {
			return nil, err
		}
		identity, err := age.NewScryptIdentity(pass)
		if err != nil {
			return nil, err
		}
		r, err := age.Decrypt(bytes.NewReader(raw), identity)
		if err != nil {
			return nil, fmt.Errorf("%w: cannot decrypt %s (wrong passphrase?): %v", ErrWrongKey, path, err)
		}
		if raw, err = io.ReadAll(r); err != nil {
			return nil, err
		}
	}
	key, err := envelope.ParsePrivateKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if key.Public().String() != f.PublicKey {
		return nil, fmt.Errorf("%w: %s: private and public key differ", ErrBadInput, path)
	}
	return key, nil
}
