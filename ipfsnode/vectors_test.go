package ipfsnode

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

// cidVectors is testdata/vectors/vectors.json, written by gen.mjs with the
// JavaScript unixfs importer.
type cidVectors struct {
	Source  string `json:"source"`
	Vectors []struct {
		Name   string `json:"name"`
		Size   int64  `json:"size"`
		CID    string `json:"cid"`
		Blocks uint64 `json:"blocks"`
	} `json:"vectors"`
}

// TestAddMatchesIndependentImporter checks that Add gives, for the same
// bytes, the CIDs and block counts the JavaScript importer gave with kubo's
// `ipfs add --cid-version=1` parameters.
func TestAddMatchesIndependentImporter(t *testing.T) {
	data, err := os.ReadFile("testdata/vectors/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs cidVectors
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs.Vectors) < 6 {
		t.Fatalf("expected at least 6 vectors, found %d", len(vs.Vectors))
	}
	t.Logf("vectors from %s", vs.Source)
	for _, v := range vs.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			r := openTestRepo(t, t.TempDir(), 0)
			got, err := r.Add(context.Background(), newVectorContent(v.Name, v.Size), "")
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != v.CID {
				t.Errorf("CID = %s, JS importer gave %s", got, v.CID)
			}
			if u := r.blocks.Usage(); u.Blocks != v.Blocks {
				t.Errorf("stored %d blocks, JS importer wrote %d", u.Blocks, v.Blocks)
			}
		})
	}
}
