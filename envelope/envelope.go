package envelope

import (
	"crypto/hpke"
	"fmt"
)

// Seal wraps dek for recipient with HPKE (RFC 9180, base mode), bound to b.
// The result is the envelope a custodian stores; the chain stores only its
// Commitment.
func Seal(recipient *PublicKey, dek DataKey, b Binding) ([]byte, error) {
	p, err := recipient.suite.params()
	if err != nil {
		return nil, err
	}
	info, err := b.hpkeInfo()
	if err != nil {
		return nil, err
	}
	binding, _ := b.MarshalBinary() // valid: hpkeInfo checked it
	aad := envelopePrefix(recipient.suite, keyHint(recipient), binding)
	enc, sender, err := hpke.NewSender(recipient.key, p.kdf, p.aead, info)
	if err != nil {
		return nil, fmt.Errorf("envelope: HPKE setup to %s key: %w", recipient.suite, err)
	}
	sealedKey, err := sender.Seal(aad, dek[:])
	if err != nil {
		return nil, fmt.Errorf("envelope: HPKE seal: %w", err)
	}
	out := make([]byte, 0, len(aad)+len(enc)+len(sealedKey))
	out = append(out, aad...)
	out = append(out, enc...)
	return append(out, sealedKey...), nil
}

// Open recovers the data key from an envelope sealed to identity's public key
// for binding want. It checks, in order: the envelope's format, that it is
// sealed to this key (ErrNotRecipient), that it is sealed for want
// (ErrBindingMismatch, naming the field), and finally HPKE authentication
// (ErrEnvelopeTampered).
func Open(identity *PrivateKey, envelope []byte, want Binding) (DataKey, error) {
	info, err := want.hpkeInfo()
	if err != nil {
		return DataKey{}, err
	}
	e, err := parseEnvelope(envelope)
	if err != nil {
		return DataKey{}, err
	}
	if e.suite != identity.suite {
		return DataKey{}, fmt.Errorf("%w: envelope is for a %s key, this key is %s", ErrNotRecipient, e.suite, identity.suite)
	}
	if hint := keyHint(identity.public); e.hint != hint {
		return DataKey{}, fmt.Errorf("%w: envelope key hint %x, this key's is %x", ErrNotRecipient, e.hint, hint)
	}
	if err := checkBinding(e.binding, want); err != nil {
		return DataKey{}, err
	}
	p, _ := e.suite.params() // known: parseEnvelope checked it
	recipient, err := hpke.NewRecipient(e.enc, identity.key, p.kdf, p.aead, info)
	if err != nil {
		return DataKey{}, fmt.Errorf("%w: encapsulated key rejected: %v", ErrEnvelopeTampered, err)
	}
	plaintext, err := recipient.Open(e.aad, e.sealedKey)
	if err != nil {
		return DataKey{}, fmt.Errorf("%w: HPKE open: %v", ErrEnvelopeTampered, err)
	}
	return DataKey(plaintext), nil
}
