package onnx

import (
	"encoding/binary"
	"fmt"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// field is one decoded protobuf field; which payload is set depends on typ.
type field struct {
	num    protowire.Number
	typ    protowire.Type
	varint uint64
	fixed  uint64 // fixed32 or fixed64 payload
	bytes  []byte
}

// walkFields decodes every field of a protobuf message in wire order. what
// names the message in errors.
func walkFields(b []byte, what string, fn func(f field) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("%s: bad field tag: %w", what, protowire.ParseError(n))
		}
		b = b[n:]
		f := field{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			f.varint, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			var v uint32
			v, n = protowire.ConsumeFixed32(b)
			f.fixed = uint64(v)
		case protowire.Fixed64Type:
			f.fixed, n = protowire.ConsumeFixed64(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			// Groups and unknown wire types are skipped whole.
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return fmt.Errorf("%s: field %d: %w", what, num, protowire.ParseError(n))
		}
		b = b[n:]
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// str returns a length-delimited field as a string.
func (f field) str(what string) (string, error) {
	if f.typ != protowire.BytesType {
		return "", fmt.Errorf("%s: field %d: want length-delimited, got wire type %d", what, f.num, f.typ)
	}
	return string(f.bytes), nil
}

// int64Val returns a varint field as a signed int64 (protobuf int64/int32).
func (f field) int64Val(what string) (int64, error) {
	if f.typ != protowire.VarintType {
		return 0, fmt.Errorf("%s: field %d: want varint, got wire type %d", what, f.num, f.typ)
	}
	return int64(f.varint), nil
}

// appendInt64s appends a repeated int64 field, packed or not.
func (f field) appendInt64s(dst []int64, what string) ([]int64, error) {
	switch f.typ {
	case protowire.VarintType:
		return append(dst, int64(f.varint)), nil
	case protowire.BytesType:
		b := f.bytes
		for len(b) > 0 {
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return nil, fmt.Errorf("%s: packed field %d: %w", what, f.num, protowire.ParseError(n))
			}
			dst = append(dst, int64(v))
			b = b[n:]
		}
		return dst, nil
	}
	return nil, fmt.Errorf("%s: field %d: want varint or packed varints, got wire type %d", what, f.num, f.typ)
}

// appendFloat32s appends a repeated float field, packed or not.
func (f field) appendFloat32s(dst []float32, what string) ([]float32, error) {
	switch f.typ {
	case protowire.Fixed32Type:
		return append(dst, math.Float32frombits(uint32(f.fixed))), nil
	case protowire.BytesType:
		if len(f.bytes)%4 != 0 {
			return nil, fmt.Errorf("%s: packed floats field %d: %d bytes is not a multiple of 4", what, f.num, len(f.bytes))
		}
		for i := 0; i < len(f.bytes); i += 4 {
			dst = append(dst, math.Float32frombits(binary.LittleEndian.Uint32(f.bytes[i:])))
		}
		return dst, nil
	}
	return nil, fmt.Errorf("%s: field %d: want fixed32 or packed floats, got wire type %d", what, f.num, f.typ)
}
