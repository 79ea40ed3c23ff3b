package onnx

import "fmt"

// intsAttr returns an INTS attribute, def when absent; want > 0 demands that
// many values.
func (n *Node) intsAttr(name string, def []int, want int) ([]int, error) {
	a, ok := n.Attrs[name]
	if !ok {
		return def, nil
	}
	if a.Kind != AttrInts {
		return nil, n.errorf("attribute %s: want ints, got kind %d", name, a.Kind)
	}
	if want > 0 && len(a.Ints) != want {
		return nil, n.errorf("attribute %s: want %d values, got %d", name, want, len(a.Ints))
	}
	out := make([]int, len(a.Ints))
	for i, v := range a.Ints {
		if v < -maxTensorElements || v > maxTensorElements {
			return nil, n.errorf("attribute %s: value %d out of range", name, v)
		}
		out[i] = int(v)
	}
	return out, nil
}

// intAttr returns an INT attribute, def when absent.
func (n *Node) intAttr(name string, def int) (int, error) {
	a, ok := n.Attrs[name]
	if !ok {
		return def, nil
	}
	if a.Kind != AttrInt {
		return 0, n.errorf("attribute %s: want int, got kind %d", name, a.Kind)
	}
	if a.I < -maxTensorElements || a.I > maxTensorElements {
		return 0, n.errorf("attribute %s: value %d out of range", name, a.I)
	}
	return int(a.I), nil
}

// stringAttr returns a STRING attribute, def when absent.
func (n *Node) stringAttr(name, def string) (string, error) {
	a, ok := n.Attrs[name]
	if !ok {
		return def, nil
	}
	if a.Kind != AttrString {
		return "", n.errorf("attribute %s: want string, got kind %d", name, a.Kind)
	}
	return a.S, nil
}

// checkAutoPad accepts only explicit padding (NOTSET) or none (VALID); the
// SAME_* modes are not implemented.
func (n *Node) checkAutoPad() error {
	autoPad, err := n.stringAttr("auto_pad", "NOTSET")
	if err != nil {
		return err
	}
	if autoPad != "NOTSET" && autoPad != "VALID" {
		return n.errorf("auto_pad %q is not supported (use explicit pads)", autoPad)
	}
	return nil
}

func (n *Node) errorf(format string, args ...any) error {
	return fmt.Errorf("%s node %q: %s", n.OpType, n.Name, fmt.Sprintf(format, args...))
}
