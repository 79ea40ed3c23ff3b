package cascade

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// elem is a parsed XML element: OpenCV's storage format uses element
// names, text and nesting only (lists are runs of <_> elements).
type elem struct {
	name string
	text string
	kids []*elem
}

// Bounds on hostile input; the largest opencv-data cascade has ~150k
// elements.
const (
	maxDepth    = 32
	maxElements = 4 << 20
)

func parseXML(r io.Reader) (*elem, error) {
	dec := xml.NewDecoder(r)
	root := &elem{}
	stack := []*elem{root}
	var text strings.Builder
	count := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("xml: %w", err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxElements || len(stack) > maxDepth {
				return nil, fmt.Errorf("xml: more than %d elements or deeper than %d", maxElements, maxDepth)
			}
			e := &elem{name: t.Name.Local}
			top.kids = append(top.kids, e)
			stack = append(stack, e)
			text.Reset()
		case xml.CharData:
			if len(top.kids) == 0 {
				text.Write(t)
			}
		case xml.EndElement:
			if len(top.kids) == 0 {
				top.text = strings.TrimSpace(text.String())
			}
			text.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 1 || len(root.kids) != 1 {
		return nil, fmt.Errorf("xml: want exactly one complete root element")
	}
	return root.kids[0], nil
}

// child returns the first child with the given name, or nil.
func (e *elem) child(name string) *elem {
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// need returns the named child or an error naming the path.
func (e *elem) need(name string) (*elem, error) {
	if c := e.child(name); c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("<%s> has no <%s>", e.name, name)
}
