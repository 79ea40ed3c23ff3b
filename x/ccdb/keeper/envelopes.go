package keeper

import (
	"bytes"
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// writeEnvelope records the commitment of the envelope sealing a record
// version's data key to grantee. A later commitment for the same (record,
// version, grantee) replaces the earlier one, e.g. after the grantee rotated
// keys and the owner re-sealed.
func (k Keeper) writeEnvelope(ctx context.Context, recordID, version uint64, grantee string, commitment []byte, b block) error {
	granteeAddr := k.mustBytes(grantee)
	key, err := k.CurrentEncryptionKey(ctx, granteeAddr)
	if err != nil {
		return err
	}
	epoch, err := k.LastGrantID.Peek(ctx)
	if err != nil {
		return err
	}
	pk := collections.Join3(recordID, version, granteeAddr)
	old, err := k.Envelopes.Get(ctx, pk)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	var replaced []byte
	if err == nil && !bytes.Equal(old.Commitment, commitment) {
		replaced = old.Commitment
	}
	if err := k.Envelopes.Set(ctx, pk, types.EnvelopeCommitment{
		RecordId: recordID, Version: version, Grantee: grantee, Commitment: commitment,
		RecipientKeyIndex: key.Index, GrantEpoch: epoch, Height: b.height, Time: b.time,
	}); err != nil {
		return err
	}
	return emitEvent(ctx, &types.EventEnvelopeCommitted{
		RecordId: recordID, Version: version, Grantee: grantee, Commitment: commitment, Replaced: replaced,
	})
}

// envelopeFor returns the commitment that lets g's grantee read a record
// version: one written while g existed, never one left over from before it.
func (k Keeper) envelopeFor(ctx context.Context, g types.Grant, recordID, version uint64) (types.EnvelopeCommitment, error) {
	env, err := k.Envelopes.Get(ctx, collections.Join3(recordID, version, k.mustBytes(g.Grantee)))
	if errors.Is(err, collections.ErrNotFound) || (err == nil && env.GrantEpoch < g.Id) {
		return env, errorsmod.Wrapf(types.ErrNoEnvelope, "record %d version %d, grant %d", recordID, version, g.Id)
	}
	return env, err
}

// liveGrantsCovering lists the ACTIVE, unexpired grants covering r: those
// scoped to it, then those scoped to one of its tags, each in ID order.
func (k Keeper) liveGrantsCovering(ctx context.Context, r types.Record, now time.Time) ([]types.Grant, error) {
	var ids []uint64
	if err := k.LiveRecordGrants.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](r.Id),
		func(key collections.Pair[uint64, uint64]) (bool, error) {
			ids = append(ids, key.K2())
			return false, nil
		}); err != nil {
		return nil, err
	}
	owner := k.mustBytes(r.Owner)
	for _, tag := range r.Tags {
		if err := k.LiveTagGrants.Walk(ctx, collections.NewSuperPrefixedTripleRange[sdk.AccAddress, string, uint64](owner, tag),
			func(key collections.Triple[sdk.AccAddress, string, uint64]) (bool, error) {
				ids = append(ids, key.K3())
				return false, nil
			}); err != nil {
			return nil, err
		}
	}
	grants := make([]types.Grant, 0, len(ids))
	for _, id := range ids {
		g, err := k.GetGrant(ctx, id)
		if err != nil {
			return nil, err
		}
		// Expired but not yet pruned: it covers nothing new.
		if g.Live(now) == nil {
			grants = append(grants, g)
		}
	}
	return grants, nil
}

// commitNewVersion checks that envs commit an envelope of r's new current
// version for exactly the grantees of the live grants covering r, writes
// them, and records coverage by tag-scoped grants that reach r for the first
// time.
func (k Keeper) commitNewVersion(ctx context.Context, r types.Record, envs []types.GranteeEnvelope, b block) error {
	grants, err := k.liveGrantsCovering(ctx, r, b.time)
	if err != nil {
		return err
	}
	supplied := make(map[string]bool, len(envs))
	for _, e := range envs {
		supplied[e.Grantee] = true
	}
	required := make(map[string]bool, len(grants))
	for _, g := range grants {
		if !supplied[g.Grantee] {
			return errorsmod.Wrapf(types.ErrMissingEnvelope, "record %d version %d needs an envelope for %s, grantee of live grant %d (%s)",
				r.Id, r.Version, g.Grantee, g.Id, g.Scope.Describe())
		}
		required[g.Grantee] = true
	}
	for _, e := range envs {
		if !required[e.Grantee] {
			return errorsmod.Wrapf(types.ErrUnexpectedEnvelope, "%s has no live grant covering record %d", e.Grantee, r.Id)
		}
		if err := k.writeEnvelope(ctx, r.Id, r.Version, e.Grantee, e.Commitment, b); err != nil {
			return err
		}
	}
	for _, g := range grants {
		covered, err := k.RecordGrants.Has(ctx, collections.Join(r.Id, g.Id))
		if err != nil {
			return err
		}
		if covered {
			continue
		}
		if err := k.cover(ctx, g, r.Id); err != nil {
			return err
		}
		extended := trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_GRANT_EXTENDED, r.Owner)
		extended.GrantId = g.Id
		extended.Version = r.Version
		extended.RequestId = g.RequestId
		if err := k.appendTrail(ctx, extended); err != nil {
			return err
		}
	}
	return nil
}
