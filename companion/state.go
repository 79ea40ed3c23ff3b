package companion

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// custodianState is what the custodian must not forget across restarts.
type custodianState struct {
	// Height is the last block fully processed.
	Height int64 `json:"height"`
	// DeferredDrops are envelope deletions waiting for receipt_validity to
	// pass (the last read of an exhausted grant may still be downloading).
	DeferredDrops []deferredDrop `json:"deferred_drops,omitempty"`
	// PinRetries are contents or envelopes a live record needs that could
	// not be fetched from the members yet.
	PinRetries []pinRetry `json:"pin_retries,omitempty"`
	// Attestations are erasures carried out whose attestation was not
	// committed yet.
	Attestations []pendingAttestation `json:"pending_attestations,omitempty"`
}

type deferredDrop struct {
	GrantID uint64    `json:"grant_id"`
	Grantee string    `json:"grantee"`
	Due     time.Time `json:"due"`
}

type pinRetry struct {
	RecordID uint64    `json:"record_id"`
	CID      string    `json:"cid"`
	Reason   string    `json:"reason"`
	Next     time.Time `json:"next"`
	GiveUp   time.Time `json:"give_up"`
	// Attempts counts the failed retries; the wait doubles with each.
	Attempts int `json:"attempts,omitempty"`
}

type pendingAttestation struct {
	RecordID         uint64 `json:"record_id"`
	BlocksDeleted    uint64 `json:"blocks_deleted"`
	EnvelopesDeleted uint64 `json:"envelopes_deleted"`
	Statement        string `json:"statement"`
}

// stateFile keeps custodianState in a JSON file, replaced atomically.
type stateFile struct {
	path string
	custodianState
	// saved is what the file holds, so an unchanged state is not rewritten.
	saved []byte
}

func openStateFile(path string) (*stateFile, error) {
	f := &stateFile{path: path}
	bz, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("companion state: %w", err)
	}
	if err := json.Unmarshal(bz, &f.custodianState); err != nil {
		return nil, fmt.Errorf("companion state %s is corrupt (delete it to reprocess every block): %w", path, err)
	}
	f.saved = bz
	return f, nil
}

// save writes the state to a temporary file, syncs it and renames it over
// the old one, so a crash leaves either the old or the new state. An
// unchanged state is not written again.
func (f *stateFile) save() error {
	bz, err := json.MarshalIndent(f.custodianState, "", "  ")
	if err != nil {
		return err
	}
	if bytes.Equal(bz, f.saved) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), ".state-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(bz); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return err
	}
	f.saved = bz
	return nil
}
