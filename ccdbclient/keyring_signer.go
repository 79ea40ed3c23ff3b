package ccdbclient

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
)

// KeyringSigner signs companion requests with a keyring key. Only local
// secp256k1 keys can sign arbitrary bytes; a Ledger key cannot.
type KeyringSigner struct {
	kr      keyring.Keyring
	name    string
	address string
	pub     cryptotypes.PubKey
}

// NewKeyringSigner opens the key name in kr.
func NewKeyringSigner(kr keyring.Keyring, name string) (*KeyringSigner, error) {
	rec, err := kr.Key(name)
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %v", ErrBadInput, name, err)
	}
	if rec.GetLocal() == nil {
		return nil, fmt.Errorf("%w: key %q is not a local key; companion requests need one", ErrBadInput, name)
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return nil, err
	}
	pub, err := rec.GetPubKey()
	if err != nil {
		return nil, err
	}
	return &KeyringSigner{kr: kr, name: name, address: addr.String(), pub: pub}, nil
}

func (s *KeyringSigner) Address() string            { return s.address }
func (s *KeyringSigner) PubKey() cryptotypes.PubKey { return s.pub }
func (s *KeyringSigner) Sign(msg []byte) ([]byte, error) {
	sig, _, err := s.kr.Sign(s.name, msg, signing.SignMode_SIGN_MODE_DIRECT)
	return sig, err
}
