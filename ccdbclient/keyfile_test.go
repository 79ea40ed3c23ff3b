package ccdbclient

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
)

const mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

func accountOf(t *testing.T, m string) sdk.AccAddress {
	derived, err := hd.Secp256k1.Derive()(m, "", sdk.FullFundraiserPath)
	require.NoError(t, err)
	return sdk.AccAddress((&secp256k1.PrivKey{Key: derived}).PubKey().Address())
}

// The mnemonic must be the account's: the encryption key is derived only
// after the signing key it yields is checked against the account.
func TestDeriveAccountKeyChecksTheAccount(t *testing.T) {
	account := accountOf(t, mnemonic)
	key, err := DeriveAccountKey(mnemonic, "", sdk.FullFundraiserPath, envelope.SuiteX25519, account)
	require.NoError(t, err)
	want, err := envelope.DeriveKey(mnemonic, "", envelope.SuiteX25519)
	require.NoError(t, err)
	require.True(t, key.Public().Equal(want.Public()))

	other := "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"
	_, err = DeriveAccountKey(other, "", sdk.FullFundraiserPath, envelope.SuiteX25519, account)
	require.ErrorIs(t, err, ErrWrongKey)
	_, err = DeriveAccountKey(mnemonic, "extra words", sdk.FullFundraiserPath, envelope.SuiteX25519, account)
	require.ErrorIs(t, err, ErrWrongKey, "another BIP39 passphrase is another account")
	_, err = DeriveAccountKey("not a mnemonic", "", sdk.FullFundraiserPath, envelope.SuiteX25519, account)
	require.ErrorIs(t, err, ErrBadInput)
}

func TestKeyFileRoundTrips(t *testing.T) {
	key, err := envelope.DeriveKey(mnemonic, "", envelope.SuiteMLKEM768X25519)
	require.NoError(t, err)
	address := accountOf(t, mnemonic).String()
	noPass := func() (string, error) { return "", errors.New("no passphrase expected") }

	plain := KeyFilePath(t.TempDir(), address)
	require.NoError(t, SaveKey(plain, address, key, ""))
	info, err := os.Stat(plain)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	dir, err := os.Stat(filepath.Dir(plain))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), dir.Mode().Perm())
	loaded, err := LoadKey(plain, address, noPass)
	require.NoError(t, err)
	require.True(t, loaded.Public().Equal(key.Public()))
	require.NoError(t, SaveKey(plain, address, key, ""), "saving the same key again is fine")

	other, err := envelope.DeriveKey(mnemonic, "other", envelope.SuiteX25519)
	require.NoError(t, err)
	require.ErrorIs(t, SaveKey(plain, address, other, ""), ErrBadInput, "another key is not overwritten")
	_, err = LoadKey(plain, "msec1someoneelse", noPass)
	require.ErrorIs(t, err, ErrWrongKey)

	require.NoError(t, os.Chmod(plain, 0o644))
	_, err = LoadKey(plain, address, noPass)
	require.ErrorIs(t, err, ErrBadInput, "a key file others can read is refused")

	encrypted := KeyFilePath(t.TempDir(), address)
	require.NoError(t, SaveKey(encrypted, address, key, "correct horse"))
	raw, err := os.ReadFile(encrypted)
	require.NoError(t, err)
	secret, err := key.MarshalBinary()
	require.NoError(t, err)
	require.NotContains(t, string(raw), string(secret[2:10]))
	_, err = LoadKey(encrypted, address, func() (string, error) { return "wrong", nil })
	require.ErrorIs(t, err, ErrWrongKey)
	loaded, err = LoadKey(encrypted, address, func() (string, error) { return "correct horse", nil })
	require.NoError(t, err)
	require.True(t, loaded.Public().Equal(key.Public()))

	_, err = LoadKey(KeyFilePath(t.TempDir(), address), address, noPass)
	require.ErrorIs(t, err, ErrNoEncryptionKey)
}
