package companion

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/filter"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"
)

// custodianState is what the custodian must not forget across restarts.
// The pin retries are not held here but in the state database, one key
// each: content no member has (an owner's junk commitments, say) can queue
// tens of thousands of them, and a pass must cost what it changes, not what
// is queued.
type custodianState struct {
	// Height is the last block fully processed.
	Height int64 `json:"height"`
	// DeferredDrops are envelope deletions waiting for receipt_validity to
	// pass (the last read of an exhausted grant may still be downloading).
	DeferredDrops []deferredDrop `json:"deferred_drops,omitempty"`
	// Attestations are erasures carried out whose attestation was not
	// committed yet.
	Attestations []pendingAttestation `json:"pending_attestations,omitempty"`
}

type deferredDrop struct {
	GrantID uint64    `json:"grant_id"`
	Grantee string    `json:"grantee"`
	Due     time.Time `json:"due"`
}

// pinRetry is content or an envelope a live record needs that could not be
// fetched from the members yet.
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

// The state database (LevelDB, <state dir>/custodian.db) holds:
//
//	state                                  custodianState as JSON
//	pin/<cid> 0x00 <reason>                a pinRetry as JSON
//	due/<next, unix ns, big endian> <cid> 0x00 <reason>   the retries in due order
//
// Retries are written as they change, without waiting for the disk; save
// writes the state with a sync, which makes every earlier write durable
// too (LevelDB's log is sequential). A crash can therefore lose only the
// changes of an unfinished pass, whose blocks the next pass processes again.
const (
	stateDBName     = "custodian.db"
	stateKey        = "state"
	pinPrefix       = "pin/"
	duePrefix       = "due/"
	keySeparator    = 0x00
	legacyStateFile = "state.json"
)

// stateStore is the custodian's state: the small part in memory, saved
// whole after each pass, and the pin retries in the database.
type stateStore struct {
	dir string
	db  *leveldb.DB
	custodianState
	// saved is what the database holds under stateKey, so an unchanged
	// state is not rewritten.
	saved []byte
}

// openStateStore opens (or creates) the state database in dir. A state.json
// left by an earlier version is imported once, then removed.
func openStateStore(dir string) (*stateStore, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("companion state: %w", err)
	}
	// Most lookups (is this pin queued already?) are for keys that are not
	// there; the Bloom filter answers them without reading a table.
	db, err := leveldb.OpenFile(filepath.Join(dir, stateDBName), &opt.Options{Filter: filter.NewBloomFilter(10)})
	if err != nil {
		return nil, fmt.Errorf("companion state %s: %w", filepath.Join(dir, stateDBName), err)
	}
	s := &stateStore{dir: dir, db: db}
	if err := s.load(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *stateStore) load() error {
	bz, err := s.db.Get([]byte(stateKey), nil)
	switch {
	case errors.Is(err, leveldb.ErrNotFound):
		return s.importLegacy()
	case err != nil:
		return fmt.Errorf("companion state: %w", err)
	}
	if err := json.Unmarshal(bz, &s.custodianState); err != nil {
		return fmt.Errorf("companion state in %s is corrupt (delete it to reprocess every block): %w", s.dir, err)
	}
	s.saved = bz
	return nil
}

// importLegacy moves a state.json (the whole state, retries included, in
// one file) into the database.
func (s *stateStore) importLegacy() error {
	path := filepath.Join(s.dir, legacyStateFile)
	bz, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("companion state: %w", err)
	}
	var legacy struct {
		custodianState
		PinRetries []pinRetry `json:"pin_retries"`
	}
	if err := json.Unmarshal(bz, &legacy); err != nil {
		return fmt.Errorf("companion state %s is corrupt (delete it to reprocess every block): %w", path, err)
	}
	for _, p := range legacy.PinRetries {
		if err := s.putRetry(p); err != nil {
			return err
		}
	}
	s.custodianState = legacy.custodianState
	if err := s.save(); err != nil {
		return err
	}
	return os.Remove(path)
}

// save writes the in-memory state, synced to disk, unless it is unchanged.
func (s *stateStore) save() error {
	bz, err := json.Marshal(s.custodianState)
	if err != nil {
		return err
	}
	if bytes.Equal(bz, s.saved) {
		return nil
	}
	if err := s.db.Put([]byte(stateKey), bz, &opt.WriteOptions{Sync: true}); err != nil {
		return fmt.Errorf("saving the companion state: %w", err)
	}
	s.saved = bz
	return nil
}

func (s *stateStore) close() error { return s.db.Close() }

func pinKey(cid, reason string) []byte {
	return append(append(append([]byte(pinPrefix), cid...), keySeparator), reason...)
}

func dueKey(p pinRetry) []byte {
	k := binary.BigEndian.AppendUint64([]byte(duePrefix), uint64(max(p.Next.UnixNano(), 0)))
	return append(append(append(k, p.CID...), keySeparator), p.Reason...)
}

func validRetryKey(p pinRetry) error {
	if p.CID == "" || strings.IndexByte(p.CID, keySeparator) >= 0 || strings.IndexByte(p.Reason, keySeparator) >= 0 {
		return fmt.Errorf("pin retry %q (%q): not a storable key", p.CID, p.Reason)
	}
	return nil
}

// putRetry queues p, or replaces the entry for its (cid, reason).
func (s *stateStore) putRetry(p pinRetry) error {
	return s.writeRetry(p, true)
}

// queueRetry queues p unless its (cid, reason) is queued already: a pin
// that keeps failing keeps its due time and its backoff.
func (s *stateStore) queueRetry(p pinRetry) error {
	return s.writeRetry(p, false)
}

func (s *stateStore) writeRetry(p pinRetry, replace bool) error {
	if err := validRetryKey(p); err != nil {
		return err
	}
	old, found, err := s.getRetry(pinKey(p.CID, p.Reason))
	if err != nil || (found && !replace) {
		return err
	}
	b := new(leveldb.Batch)
	if found {
		b.Delete(dueKey(old))
	}
	bz, err := json.Marshal(p)
	if err != nil {
		return err
	}
	b.Put(pinKey(p.CID, p.Reason), bz)
	b.Put(dueKey(p), nil)
	return s.db.Write(b, nil)
}

// forgetRetry drops the entry queued for (cid, reason), if there is one.
func (s *stateStore) forgetRetry(cid, reason string) error {
	p, found, err := s.getRetry(pinKey(cid, reason))
	if err != nil || !found {
		return err
	}
	return s.deleteRetry(p)
}

// deleteRetry drops p's entry.
func (s *stateStore) deleteRetry(p pinRetry) error {
	b := new(leveldb.Batch)
	b.Delete(pinKey(p.CID, p.Reason))
	b.Delete(dueKey(p))
	return s.db.Write(b, nil)
}

func (s *stateStore) getRetry(key []byte) (pinRetry, bool, error) {
	var p pinRetry
	bz, err := s.db.Get(key, nil)
	if errors.Is(err, leveldb.ErrNotFound) {
		return p, false, nil
	}
	if err != nil {
		return p, false, err
	}
	if err := json.Unmarshal(bz, &p); err != nil {
		return p, false, fmt.Errorf("companion state: pin retry %q: %w", key, err)
	}
	return p, true, nil
}

// dueRetries is up to limit retries due by now, the longest due first.
func (s *stateStore) dueRetries(now time.Time, limit int) ([]pinRetry, error) {
	it := s.db.NewIterator(util.BytesPrefix([]byte(duePrefix)), nil)
	defer it.Release()
	var due []pinRetry
	for len(due) < limit && it.Next() {
		rest := it.Key()[len(duePrefix):]
		if len(rest) < 8 || int64(binary.BigEndian.Uint64(rest)) > now.UnixNano() {
			break
		}
		cid, reason, _ := bytes.Cut(rest[8:], []byte{keySeparator})
		p, found, err := s.getRetry(pinKey(string(cid), string(reason)))
		if err != nil {
			return nil, err
		}
		if found {
			due = append(due, p)
		}
	}
	return due, it.Error()
}

// retriesFor is every retry queued for cid, whatever its reason.
func (s *stateStore) retriesFor(cid string) ([]pinRetry, error) {
	return s.scanRetries(append(append([]byte(pinPrefix), cid...), keySeparator))
}

// pinRetries is the whole queue, in key order (for tests and inspection).
func (s *stateStore) pinRetries() ([]pinRetry, error) {
	return s.scanRetries([]byte(pinPrefix))
}

func (s *stateStore) scanRetries(prefix []byte) ([]pinRetry, error) {
	it := s.db.NewIterator(util.BytesPrefix(prefix), nil)
	defer it.Release()
	var out []pinRetry
	for it.Next() {
		var p pinRetry
		if err := json.Unmarshal(it.Value(), &p); err != nil {
			return nil, fmt.Errorf("companion state: pin retry %q: %w", it.Key(), err)
		}
		out = append(out, p)
	}
	return out, it.Error()
}
