package cli

import (
	"fmt"
	"io"
)

// field is one line of a command's result: "name: value". The format is
// meant for people and easy to parse in scripts.
type field struct {
	name  string
	value any
}

func printFields(w io.Writer, fields ...field) {
	for _, f := range fields {
		fmt.Fprintf(w, "%s: %v\n", f.name, f.value)
	}
}
