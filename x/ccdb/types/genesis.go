package types

import (
	"cmp"
	"fmt"
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/msec-city/msec/envelope"
)

// DefaultGenesis is an empty companion database with default params.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// idSet checks that IDs are unique and within the issued range.
type idSet struct {
	kind string
	last uint64
	seen map[uint64]bool
}

func newIDSet(kind string, last uint64) *idSet {
	return &idSet{kind: kind, last: last, seen: map[uint64]bool{}}
}

func (s *idSet) add(id uint64) error {
	if id == 0 || id > s.last {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s ID %d is outside [1, %d]", s.kind, id, s.last)
	}
	if s.seen[id] {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s %d listed twice", s.kind, id)
	}
	s.seen[id] = true
	return nil
}

func (s *idSet) has(id uint64) bool { return s.seen[id] }

// Validate rejects a genesis whose entries are malformed, duplicated or
// refer to entries that do not exist.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if err := gs.validateKeys(ac); err != nil {
		return err
	}
	records := newIDSet("record", gs.LastRecordId)
	versions := map[[2]uint64]bool{}
	currentVersion := map[uint64]uint64{}
	for _, r := range gs.Records {
		if err := records.add(r.Id); err != nil {
			return err
		}
		if err := ValidateAddress(ac, "record owner", r.Owner); err != nil {
			return errorsmod.Wrapf(err, "record %d", r.Id)
		}
		if err := ValidateTags(r.Tags, gs.Params); err != nil {
			return errorsmod.Wrapf(err, "record %d", r.Id)
		}
		if _, ok := RecordStatus_name[int32(r.Status)]; !ok || r.Status == RECORD_STATUS_UNSPECIFIED || r.Version == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "record %d has status %s at version %d", r.Id, r.Status, r.Version)
		}
		currentVersion[r.Id] = r.Version
	}
	for _, v := range gs.RecordVersions {
		key := [2]uint64{v.RecordId, v.Version}
		if v.Version == 0 || v.Version > currentVersion[v.RecordId] || versions[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "record %d version %d is unknown or listed twice", v.RecordId, v.Version)
		}
		versions[key] = true
	}
	for _, e := range gs.EnvelopeCommitments {
		if !versions[[2]uint64{e.RecordId, e.Version}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "envelope for missing record %d version %d", e.RecordId, e.Version)
		}
		if err := ValidateAddress(ac, "envelope grantee", e.Grantee); err != nil {
			return err
		}
		if err := ValidateCommitment("envelope commitment", e.Commitment); err != nil {
			return err
		}
	}
	grants, err := gs.validateGrants(ac, records)
	if err != nil {
		return err
	}
	return gs.validateHistory(ac, records, grants)
}

func (gs GenesisState) validateKeys(ac address.Codec) error {
	seen := map[string]bool{}
	for _, k := range gs.EncryptionKeys {
		if err := ValidateAddress(ac, "key owner", k.Owner); err != nil {
			return err
		}
		id := fmt.Sprintf("%s/%d", k.Owner, k.Index)
		if k.Index == 0 || seen[id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "encryption key %s is unnumbered or listed twice", id)
		}
		seen[id] = true
		if _, err := envelope.ParsePublicKey(k.PublicKey); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "encryption key %s: %v", id, err)
		}
	}
	return nil
}

func (gs GenesisState) validateGrants(ac address.Codec, records *idSet) (*idSet, error) {
	grants := newIDSet("grant", gs.LastGrantId)
	recordScope := map[uint64]uint64{} // grant -> record, record-scoped grants only
	for _, g := range gs.Grants {
		if err := grants.add(g.Id); err != nil {
			return nil, err
		}
		if err := ValidateAddress(ac, "grant owner", g.Owner); err != nil {
			return nil, err
		}
		if err := ValidateAddress(ac, "grantee", g.Grantee); err != nil {
			return nil, err
		}
		if err := g.Scope.Validate(gs.Params); err != nil {
			return nil, errorsmod.Wrapf(err, "grant %d", g.Id)
		}
		if !g.Scope.IsTag() {
			if !records.has(g.Scope.RecordId) {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "grant %d covers missing record %d", g.Id, g.Scope.RecordId)
			}
			recordScope[g.Id] = g.Scope.RecordId
		}
		if _, ok := GrantStatus_name[int32(g.Status)]; !ok || g.Status == GRANT_STATUS_UNSPECIFIED {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "grant %d has status %s", g.Id, g.Status)
		}
	}
	for _, c := range gs.Coverage {
		if !grants.has(c.GrantId) || !records.has(c.RecordId) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "coverage of grant %d over record %d names a missing entry", c.GrantId, c.RecordId)
		}
		if scoped, ok := recordScope[c.GrantId]; ok && scoped != c.RecordId {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "coverage of grant %d over record %d is outside its scope, record %d", c.GrantId, c.RecordId, scoped)
		}
	}
	for _, f := range gs.FanOuts {
		if !grants.has(f.GrantId) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "fan-out of missing grant %d", f.GrantId)
		}
	}
	return grants, nil
}

func (gs GenesisState) validateHistory(ac address.Codec, records, grants *idSet) error {
	requests := newIDSet("request", gs.LastRequestId)
	for _, r := range gs.Requests {
		if err := requests.add(r.Id); err != nil {
			return err
		}
		if err := ValidateAddress(ac, "requester", r.Requester); err != nil {
			return err
		}
	}
	receipts := newIDSet("receipt", gs.LastReceiptId)
	for _, r := range gs.Receipts {
		if err := receipts.add(r.Id); err != nil {
			return err
		}
		if !records.has(r.RecordId) || !grants.has(r.GrantId) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "receipt %d names a missing record or grant", r.Id)
		}
		if err := ValidateAddress(ac, "reader", r.Reader); err != nil {
			return err
		}
	}
	if err := gs.validateReceiptOrder(); err != nil {
		return err
	}
	for _, a := range gs.Attestations {
		if !records.has(a.RecordId) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "attestation for missing record %d", a.RecordId)
		}
		if err := ValidateAddress(ac, "custodian", a.Custodian); err != nil {
			return err
		}
	}
	// Trail sequences are chain-wide: one per entry, whatever its record.
	sequences := map[uint64]bool{}
	for _, e := range gs.Trail {
		if !records.has(e.RecordId) || e.Sequence == 0 || sequences[e.Sequence] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trail entry %d of record %d is unknown or its sequence is listed twice", e.Sequence, e.RecordId)
		}
		sequences[e.Sequence] = true
	}
	return nil
}

// validateReceiptOrder requires what the chain guarantees and the receipts
// by time query relies on: receipts are never removed, so IDs 1 to
// last_receipt_id are all listed, and a later ID never has an earlier time.
func (gs GenesisState) validateReceiptOrder() error {
	if uint64(len(gs.Receipts)) != gs.LastReceiptId {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d receipts listed, but receipt IDs 1 to %d were issued", len(gs.Receipts), gs.LastReceiptId)
	}
	byID := slices.SortedFunc(slices.Values(gs.Receipts), func(a, b Receipt) int { return cmp.Compare(a.Id, b.Id) })
	for i := 1; i < len(byID); i++ {
		if byID[i].Time.Before(byID[i-1].Time) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "receipt %d is earlier than receipt %d", byID[i].Id, byID[i-1].Id)
		}
	}
	return nil
}
