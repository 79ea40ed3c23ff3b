package requestauth

import (
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// PrivKeySigner signs with a secp256k1 key held in memory (tools and tests;
// the CLI signs through the keyring).
type PrivKeySigner struct {
	Key *secp256k1.PrivKey
}

// Address is the key's account address.
func (s PrivKeySigner) Address() string { return sdk.AccAddress(s.Key.PubKey().Address()).String() }

// PubKey is the key's public half.
func (s PrivKeySigner) PubKey() cryptotypes.PubKey { return s.Key.PubKey() }

// Sign signs msg.
func (s PrivKeySigner) Sign(msg []byte) ([]byte, error) { return s.Key.Sign(msg) }
