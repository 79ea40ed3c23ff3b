package onnx

import (
	"encoding/binary"
	"fmt"
	"math"
)

// TensorProto field numbers and the data types the interpreter accepts.
const (
	tensorDims         = 1
	tensorDataType     = 2
	tensorFloatData    = 4
	tensorInt32Data    = 5
	tensorInt64Data    = 7
	tensorName         = 8
	tensorRawData      = 9
	tensorDataLocation = 14

	dataTypeFloat = 1
	dataTypeInt32 = 6
	dataTypeInt64 = 7

	// Bounds that keep a hostile file from allocating without limit.
	maxTensorRank     = 8
	maxTensorElements = 1 << 26
)

// parseTensorField decodes a TensorProto into its name and a Tensor.
func parseTensorField(f field, what string) (string, *Tensor, error) {
	b, err := f.str(what)
	if err != nil {
		return "", nil, err
	}
	var (
		name     string
		dims     []int64
		dataType int64
		raw      []byte
		haveRaw  bool
		floats   []float32
		ints     []int64
		external bool
	)
	err = walkFields([]byte(b), what, func(f field) error {
		var err error
		switch f.num {
		case tensorDims:
			dims, err = f.appendInt64s(dims, what+".dims")
		case tensorDataType:
			dataType, err = f.int64Val(what + ".data_type")
		case tensorFloatData:
			floats, err = f.appendFloat32s(floats, what+".float_data")
		case tensorInt32Data, tensorInt64Data:
			// int32_data is varint-encoded like int64_data.
			ints, err = f.appendInt64s(ints, what+".int_data")
		case tensorName:
			name, err = f.str(what + ".name")
		case tensorRawData:
			var s string
			s, err = f.str(what + ".raw_data")
			raw, haveRaw = []byte(s), true
		case tensorDataLocation:
			var loc int64
			loc, err = f.int64Val(what + ".data_location")
			external = loc == 1
		}
		return err
	})
	if err != nil {
		return "", nil, err
	}
	if external {
		return "", nil, fmt.Errorf("%s %q: external data is not supported", what, name)
	}
	t, err := tensorFromParts(dims, dataType, raw, haveRaw, floats, ints)
	if err != nil {
		return "", nil, fmt.Errorf("%s %q: %w", what, name, err)
	}
	return name, t, nil
}

func tensorFromParts(dims []int64, dataType int64, raw []byte, haveRaw bool, floats []float32, ints []int64) (*Tensor, error) {
	if len(dims) > maxTensorRank {
		return nil, fmt.Errorf("rank %d exceeds %d", len(dims), maxTensorRank)
	}
	t := &Tensor{Shape: make([]int, len(dims))}
	n := int64(1)
	for i, d := range dims {
		if d < 0 || d > maxTensorElements {
			return nil, fmt.Errorf("dimension %d out of range", d)
		}
		n *= d
		if n > maxTensorElements {
			return nil, fmt.Errorf("more than %d elements", maxTensorElements)
		}
		t.Shape[i] = int(d)
	}
	switch dataType {
	case dataTypeFloat:
		if haveRaw {
			if int64(len(raw)) != 4*n {
				return nil, fmt.Errorf("raw_data has %d bytes, shape %v needs %d", len(raw), t.Shape, 4*n)
			}
			floats = make([]float32, n)
			for i := range floats {
				floats[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
			}
		}
		t.Data = floats
		if t.Data == nil {
			t.Data = []float32{}
		}
	case dataTypeInt32, dataTypeInt64:
		if haveRaw {
			size := int64(8)
			if dataType == dataTypeInt32 {
				size = 4
			}
			if int64(len(raw)) != size*n {
				return nil, fmt.Errorf("raw_data has %d bytes, shape %v needs %d", len(raw), t.Shape, size*n)
			}
			ints = make([]int64, n)
			for i := range ints {
				if size == 4 {
					ints[i] = int64(int32(binary.LittleEndian.Uint32(raw[4*i:])))
				} else {
					ints[i] = int64(binary.LittleEndian.Uint64(raw[8*i:]))
				}
			}
		} else if dataType == dataTypeInt32 {
			for i, v := range ints {
				ints[i] = int64(int32(v))
			}
		}
		t.Ints = ints
		if t.Ints == nil {
			t.Ints = []int64{}
		}
	default:
		return nil, fmt.Errorf("data type %d is not supported (float, int32, int64 only)", dataType)
	}
	if err := t.checkShape(); err != nil {
		return nil, err
	}
	return t, nil
}
