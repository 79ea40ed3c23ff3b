package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

// InitGenesis loads the state and rebuilds what is derived from it: current
// keys, tag index, live index, expiry queue and trail lengths.
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
		if err := k.Records.Set(ctx, r.Id, r); err != nil {
			return err
		}
		for _, tag := range r.Tags {
			if err := k.RecordTags.Set(ctx, collections.Join3(tag, k.mustBytes(r.Owner), r.Id)); err != nil {
				return err
			}
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
	for _, g := range gs.Grants {
		if err := k.Grants.Set(ctx, g.Id, g); err != nil {
			return err
		}
		if g.Status == types.GRANT_STATUS_ACTIVE {
			if err := k.setLive(ctx, g); err != nil {
				return err
			}
		}
	}
	for _, c := range gs.Coverage {
		if err := k.Coverage.Set(ctx, collections.Join(c.GrantId, c.RecordId), collections.NoValue{}); err != nil {
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
	}
	return nil
}

func (k Keeper) initHistory(ctx context.Context, gs *types.GenesisState) error {
	for _, r := range gs.Receipts {
		if err := k.Receipts.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	for _, a := range gs.Attestations {
		if err := k.Attestations.Set(ctx, collections.Join(a.RecordId, k.mustBytes(a.Custodian)), a); err != nil {
			return err
		}
	}
	for _, e := range gs.Trail {
		if err := k.Trail.Set(ctx, collections.Join(e.RecordId, e.Sequence), e); err != nil {
			return err
		}
		// Entries are validated unique; the trail length is the largest.
		n, err := k.TrailLength.Get(ctx, e.RecordId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if e.Sequence > n {
			if err := k.TrailLength.Set(ctx, e.RecordId, e.Sequence); err != nil {
				return err
			}
		}
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
		k.Coverage.Walk(ctx, nil, func(key collections.Pair[uint64, uint64], _ collections.NoValue) (bool, error) {
			gs.Coverage = append(gs.Coverage, types.GrantCoverage{GrantId: key.K1(), RecordId: key.K2()})
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
	for _, s := range k.sequences(gs) {
		if *s.last, err = s.seq.Peek(ctx); err != nil {
			return nil, err
		}
	}
	return gs, nil
}
