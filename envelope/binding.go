package envelope

import (
	"encoding/binary"
	"fmt"
)

// Binding is what an envelope is sealed for. It is the HPKE info of the
// envelope, so an envelope opens only for the exact chain, record, version and
// recipient it was sealed for, and cannot be replayed for another record.
type Binding struct {
	ChainID   string // chain ID, e.g. "msec-1"
	RecordID  string // record ID on that chain
	Version   uint64 // record version the data key encrypts
	Recipient string // grantee's account address (bech32)
}

// maxBindingField bounds each string field, so that every valid Binding has
// an encoding (uint16 lengths) and a parser never allocates much.
const maxBindingField = 1024

// bindingInfoLabel prefixes the encoding in the HPKE info, so the info of a
// future binding version can never equal a v1 info.
const bindingInfoLabel = "msec/envelope/v1"

// MarshalBinary returns the canonical encoding of b (docs/encryption.md,
// "Binding"); every field length-prefixed, so no two bindings share it:
//
//	uint16 len || chain ID || uint16 len || record ID ||
//	uint64 version || uint16 len || recipient            (big-endian)
func (b Binding) MarshalBinary() ([]byte, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, 2+len(b.ChainID)+2+len(b.RecordID)+8+2+len(b.Recipient))
	out = appendField(out, b.ChainID)
	out = appendField(out, b.RecordID)
	out = binary.BigEndian.AppendUint64(out, b.Version)
	return appendField(out, b.Recipient), nil
}

func appendField(out []byte, s string) []byte {
	out = binary.BigEndian.AppendUint16(out, uint16(len(s)))
	return append(out, s...)
}

// validate checks that every string field is present and encodable.
func (b Binding) validate() error {
	for _, f := range b.fields() {
		if f.value == "" {
			return fmt.Errorf("%w: %s is empty", ErrInvalidBinding, f.name)
		}
		if len(f.value) > maxBindingField {
			return fmt.Errorf("%w: %s is %d bytes, at most %d allowed", ErrInvalidBinding, f.name, len(f.value), maxBindingField)
		}
	}
	return nil
}

type bindingField struct{ name, value string }

func (b Binding) fields() [3]bindingField {
	return [3]bindingField{{"chain ID", b.ChainID}, {"record ID", b.RecordID}, {"recipient", b.Recipient}}
}

// hpkeInfo returns the HPKE info an envelope for b is sealed with.
func (b Binding) hpkeInfo() ([]byte, error) {
	enc, err := b.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return append([]byte(bindingInfoLabel), enc...), nil
}

// checkBinding returns ErrBindingMismatch naming the first field in which
// sealed (what the envelope was sealed for) differs from want.
func checkBinding(sealed, want Binding) error {
	if sealed.Version != want.Version {
		return fmt.Errorf("%w: sealed for version %d, not %d", ErrBindingMismatch, sealed.Version, want.Version)
	}
	have, wantFields := sealed.fields(), want.fields()
	for i := range have {
		if have[i].value != wantFields[i].value {
			return fmt.Errorf("%w: sealed for %s %q, not %q", ErrBindingMismatch, have[i].name, have[i].value, wantFields[i].value)
		}
	}
	return nil
}

// parseBinding decodes a canonical binding from the start of data and
// returns the bytes after it.
func parseBinding(data []byte) (Binding, []byte, error) {
	var b Binding
	var err error
	if b.ChainID, data, err = parseField(data, "chain ID"); err != nil {
		return Binding{}, nil, err
	}
	if b.RecordID, data, err = parseField(data, "record ID"); err != nil {
		return Binding{}, nil, err
	}
	if len(data) < 8 {
		return Binding{}, nil, fmt.Errorf("%w: binding ends inside the version", ErrMalformedEnvelope)
	}
	b.Version, data = binary.BigEndian.Uint64(data), data[8:]
	if b.Recipient, data, err = parseField(data, "recipient"); err != nil {
		return Binding{}, nil, err
	}
	if err := b.validate(); err != nil {
		return Binding{}, nil, fmt.Errorf("%w: %v", ErrMalformedEnvelope, err)
	}
	return b, data, nil
}

func parseField(data []byte, name string) (string, []byte, error) {
	if len(data) < 2 {
		return "", nil, fmt.Errorf("%w: binding ends inside the %s length", ErrMalformedEnvelope, name)
	}
	n := int(binary.BigEndian.Uint16(data))
	data = data[2:]
	if n > len(data) {
		return "", nil, fmt.Errorf("%w: binding %s is %d bytes, only %d remain", ErrMalformedEnvelope, name, n, len(data))
	}
	return string(data[:n]), data[n:], nil
}
