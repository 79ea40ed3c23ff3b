package envelope

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

var testBinding = Binding{
	ChainID:   "msec-1",
	RecordID:  "rec-42",
	Version:   3,
	Recipient: "msec1reader",
}

// The canonical encoding is part of the format: docs/encryption.md shows
// this vector.
func TestBindingEncodingVector(t *testing.T) {
	got, err := testBinding.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	const want = "0006" + "6d7365632d31" + // "msec-1"
		"0006" + "7265632d3432" + // "rec-42"
		"0000000000000003" + // version 3
		"000b" + "6d73656331726561646572" // "msec1reader"
	if hex.EncodeToString(got) != want {
		t.Errorf("encoding\n got %x\nwant %s", got, want)
	}
	parsed, rest, err := parseBinding(append(got, 0xAA))
	if err != nil || parsed != testBinding || !bytes.Equal(rest, []byte{0xAA}) {
		t.Errorf("parseBinding = %+v, %x, %v", parsed, rest, err)
	}
}

func TestBindingEncodingIsUnambiguous(t *testing.T) {
	a := Binding{ChainID: "ab", RecordID: "c", Version: 1, Recipient: "r"}
	b := Binding{ChainID: "a", RecordID: "bc", Version: 1, Recipient: "r"}
	ea, _ := a.MarshalBinary()
	eb, _ := b.MarshalBinary()
	if bytes.Equal(ea, eb) {
		t.Error("bindings that differ only in field boundaries encode the same")
	}
}

func TestBindingValidation(t *testing.T) {
	long := strings.Repeat("x", maxBindingField+1)
	for name, b := range map[string]Binding{
		"empty chain ID":     {RecordID: "r", Recipient: "a"},
		"empty record ID":    {ChainID: "c", Recipient: "a"},
		"empty recipient":    {ChainID: "c", RecordID: "r"},
		"chain ID too long":  {ChainID: long, RecordID: "r", Recipient: "a"},
		"record ID too long": {ChainID: "c", RecordID: long, Recipient: "a"},
		"recipient too long": {ChainID: "c", RecordID: "r", Recipient: long},
	} {
		if _, err := b.MarshalBinary(); !errors.Is(err, ErrInvalidBinding) {
			t.Errorf("%s: %v, want ErrInvalidBinding", name, err)
		}
	}
	maxed := Binding{ChainID: long[1:], RecordID: long[1:], Version: 1<<64 - 1, Recipient: long[1:]}
	enc, err := maxed.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if parsed, _, err := parseBinding(enc); err != nil || parsed != maxed {
		t.Errorf("largest binding does not round-trip: %v", err)
	}
}
