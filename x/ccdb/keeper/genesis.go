package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

// InitGenesis loads the state and rebuilds what is derived from it: current
// keys, tag index, use counts, coverage both ways, live index, expiry queue
// and the trail sequence.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, key := range gs.EncryptionKeys {
		owner := k.mustBytes(key.Owner)
		if err := k.EncryptionKeys.Set(ctx, collections.Join(owner, key.Index), key); err != nil {
			return err
		}
		if key.ReplacedHeight == 0 {
			if err := k.CurrentKey.Set(ctx, owner, key.Index); err != nil {
				return err
			}
		}
	}
	for _, r := range gs.Records {
		if err := k.insertRecord(ctx, r); err != nil {
			return err
		}
	}
	for _, v := range gs.RecordVersions {
		if err := k.Versions.Set(ctx, collections.Join(v.RecordId, v.Version), v); err != nil {
			return err
		}
	}
	for _, e := range gs.EnvelopeCommitments {
		if err := k.Envelopes.Set(ctx, collections.Join3(e.RecordId, e.Version, k.mustBytes(e.Grantee)), e); err != nil {
			return err
		}
	}
	if err := k.initAccess(ctx, gs); err != nil {
		return err
	}
	return k.initHistory(ctx, gs)
}

func (k Keeper) initAccess(ctx context.Context, gs *types.GenesisState) error {
	grants := make(map[uint64]types.Grant, len(gs.Grants))
	for _, g := range gs.Grants {
		grants[g.Id] = g
		if err := k.saveGrant(ctx, g); err != nil {
			return err
		}
		if err := k.indexGrant(ctx, g); err != nil {
			return err
		}
		if g.Uses > 0 {
			if err := k.GrantUses.Set(ctx, g.Id, g.Uses); err != nil {
				return err
			}
		}
		if g.Status == types.GRANT_STATUS_ACTIVE {
			if err := k.setLive(ctx, g); err != nil {
				return err
			}
		}
	}
	for _, c := range gs.Coverage {
		// Validation guarantees the grant is listed.
		if err := k.cover(ctx, grants[c.GrantId], c.RecordId); err != nil {
			return err
		}
	}
	for _, f := range gs.FanOuts {
		if err := k.TrailFanOut.Set(ctx, f.GrantId, f.NextRecordId); err != nil {
			return err
		}
	}
	for _, r := range gs.Requests {
		if err := k.Requests.Set(ctx, r.Id, r); err != nil {
			return err
		}
		if err := k.indexRequest(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) initHistory(ctx context.Context, gs *types.GenesisState) error {
	for _, r := range gs.Receipts {
		if err := k.insertReceipt(ctx, r); err != nil {
			return err
		}
	}
	for _, a := range gs.Attestations {
		if err := k.Attestations.Set(ctx, collections.Join(a.RecordId, k.mustBytes(a.Custodian)), a); err != nil {
			return err
		}
	}
	var lastTrailSequence uint64
	for _, e := range gs.Trail {
		if err := k.Trail.Set(ctx, collections.Join(e.RecordId, e.Sequence), e); err != nil {
			return err
		}
		lastTrailSequence = max(lastTrailSequence, e.Sequence)
	}
	if err := k.LastTrailSequence.Set(ctx, lastTrailSequence); err != nil {
		return err
	}
	for _, s := range k.sequences(gs) {
		if err := s.seq.Set(ctx, *s.last); err != nil {
			return err
		}
	}
	return nil
}

// sequence pairs an ID sequence with its genesis field.
type sequence struct {
	seq  collections.Sequence
	last *uint64
}

func (k Keeper) sequences(gs *types.GenesisState) []sequence {
	return []sequence{
		{k.LastRecordID, &gs.LastRecordId}, {k.LastGrantID, &gs.LastGrantId},
		{k.LastRequestID, &gs.LastRequestId}, {k.LastReceiptID, &gs.LastReceiptId},
	}
}

// walkAll appends every value of a collection to out, in key order.
func walkAll[K, V any](ctx context.Context, walk func(context.Context, collections.Ranger[K], func(K, V) (bool, error)) error, out *[]V) error {
	return walk(ctx, nil, func(_ K, v V) (bool, error) {
		*out = append(*out, v)
		return false, nil
	})
}

// ExportGenesis writes the state out; importing it recreates the same state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.params(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	walks := []error{
		walkAll(ctx, k.EncryptionKeys.Walk, &gs.EncryptionKeys),
		walkAll(ctx, k.Records.Walk, &gs.Records),
		walkAll(ctx, k.Versions.Walk, &gs.RecordVersions),
		walkAll(ctx, k.Envelopes.Walk, &gs.EnvelopeCommitments),
		walkAll(ctx, k.Grants.Walk, &gs.Grants),
		walkAll(ctx, k.Requests.Walk, &gs.Requests),
		walkAll(ctx, k.Receipts.Walk, &gs.Receipts),
		walkAll(ctx, k.Attestations.Walk, &gs.Attestations),
		walkAll(ctx, k.Trail.Walk, &gs.Trail),
		k.RecordGrants.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
			gs.Coverage = append(gs.Coverage, types.GrantCoverage{GrantId: key.K2(), RecordId: key.K1()})
			return false, nil
		}),
		k.TrailFanOut.Walk(ctx, nil, func(grantID, next uint64) (bool, error) {
			gs.FanOuts = append(gs.FanOuts, types.TrailFanOut{GrantId: grantID, NextRecordId: next})
			return false, nil
		}),
	}
	for _, err := range walks {
		if err != nil {
			return nil, err
		}
	}
	for i, g := range gs.Grants {
		if gs.Grants[i], err = k.GetGrant(ctx, g.Id); err != nil {
			return nil, err
		}
	}
	for _, s := range k.sequences(gs) {
		if *s.last, err = s.seq.Peek(ctx); err != nil {
			return nil, err
		}
	}
	return gs, nil
}
