package ipfsnode

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

// ContentCID gives the JavaScript importer's CIDs, and stores nothing.
func TestContentCIDMatchesIndependentImporter(t *testing.T) {
	data, err := os.ReadFile("testdata/vectors/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs cidVectors
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs.Vectors {
		got, err := ContentCID(context.Background(), newVectorContent(v.Name, v.Size))
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != v.CID {
			t.Errorf("%s: CID = %s, JS importer gave %s", v.Name, got, v.CID)
		}
	}
}
