package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// GetGrant returns a grant with its use count.
func (k Keeper) GetGrant(ctx context.Context, id uint64) (types.Grant, error) {
	g, err := k.Grants.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return g, errorsmod.Wrapf(types.ErrGrantNotFound, "%d", id)
	}
	if err != nil {
		return g, err
	}
	g.Uses, err = k.GrantUses.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return g, nil
	}
	return g, err
}

// saveGrant stores g without its use count, which only GrantUses holds.
func (k Keeper) saveGrant(ctx context.Context, g types.Grant) error {
	g.Uses = 0
	return k.Grants.Set(ctx, g.Id, g)
}

// indexGrant lists a new grant under its owner and its grantee.
func (k Keeper) indexGrant(ctx context.Context, g types.Grant) error {
	return k.indexByAddress(ctx, g.Id, addressIndex{k.GrantsByOwner, g.Owner}, addressIndex{k.GrantsByGrantee, g.Grantee})
}

// cover records that g covers a record: in RecordGrants always, and in
// TagCoverage when g is tag-scoped.
func (k Keeper) cover(ctx context.Context, g types.Grant, recordID uint64) error {
	if err := k.RecordGrants.Set(ctx, collections.Join(recordID, g.Id)); err != nil {
		return err
	}
	if g.Scope.IsTag() {
		return k.TagCoverage.Set(ctx, collections.Join(g.Id, recordID))
	}
	return nil
}

// GrantAccess creates a grant from the owner's message.
func (k Keeper) GrantAccess(ctx context.Context, msg *types.MsgGrantAccess) (uint64, error) {
	p, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	var id uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		if err := checkExpiry(msg.ExpiresAt, b.time, p); err != nil {
			return err
		}
		id, err = k.createGrant(ctx, types.Grant{
			Owner: msg.Owner, Grantee: msg.Grantee, Scope: msg.Scope, Purpose: msg.Purpose,
			PurposeCode: msg.PurposeCode, ExpiresAt: msg.ExpiresAt.UTC(), MaxUses: msg.MaxUses,
		}, msg.Envelopes, b, p)
		return err
	})
	return id, err
}

// checkExpiry requires an expiry in the future and within max_grant_duration.
func checkExpiry(expiresAt, now time.Time, p types.Params) error {
	if !expiresAt.After(now) {
		return errorsmod.Wrapf(types.ErrInvalidExpiry, "%s is not after the block time %s",
			expiresAt.UTC().Format(time.RFC3339), now.Format(time.RFC3339))
	}
	if expiresAt.Sub(now) > p.MaxGrantDuration {
		return errorsmod.Wrapf(types.ErrInvalidExpiry, "%s is more than max_grant_duration (%s) away",
			expiresAt.UTC().Format(time.RFC3339), p.MaxGrantDuration)
	}
	return nil
}

// recordsInScope returns the ACTIVE records a new grant of owner covers: its
// record, or the owner's records carrying its tag.
func (k Keeper) recordsInScope(ctx context.Context, g types.Grant, p types.Params) ([]types.Record, error) {
	if !g.Scope.IsTag() {
		r, err := k.ownedRecord(ctx, g.Scope.RecordId, g.Owner)
		if err != nil {
			return nil, err
		}
		return []types.Record{r}, requireActive(r)
	}
	var records []types.Record
	err := k.RecordTags.Walk(ctx, collections.NewSuperPrefixedTripleRange[string, sdk.AccAddress, uint64](g.Scope.Tag, k.mustBytes(g.Owner)),
		func(key collections.Triple[string, sdk.AccAddress, uint64]) (bool, error) {
			r, err := k.GetRecord(ctx, key.K3())
			if err != nil {
				return true, err
			}
			if r.Status == types.RECORD_STATUS_ACTIVE {
				records = append(records, r)
			}
			if len(records) > int(p.MaxEnvelopesPerMsg) {
				return true, errorsmod.Wrapf(types.ErrTooManyEnvelopes, "tag %q has more than %d active records, more than one grant can carry envelopes for; split the tag",
					g.Scope.Tag, p.MaxEnvelopesPerMsg)
			}
			return false, nil
		})
	return records, err
}

// checkGrantEnvelopes requires an envelope for the current version of every
// record in scope, and allows envelopes for earlier versions of those
// records only.
func checkGrantEnvelopes(records []types.Record, envs []types.RecordEnvelope, scope types.GrantScope) error {
	current := make(map[uint64]uint64, len(records))
	for _, r := range records {
		current[r.Id] = r.Version
	}
	supplied := make(map[[2]uint64]bool, len(envs))
	for _, e := range envs {
		latest, inScope := current[e.RecordId]
		if !inScope {
			return errorsmod.Wrapf(types.ErrUnexpectedEnvelope, "record %d is not an active record in %s", e.RecordId, scope.Describe())
		}
		if e.Version > latest {
			return errorsmod.Wrapf(types.ErrVersionNotFound, "record %d has no version %d yet", e.RecordId, e.Version)
		}
		supplied[[2]uint64{e.RecordId, e.Version}] = true
	}
	for _, r := range records {
		if !supplied[[2]uint64{r.Id, r.Version}] {
			return errorsmod.Wrapf(types.ErrMissingEnvelope, "record %d needs an envelope for its current version %d", r.Id, r.Version)
		}
	}
	return nil
}

// createGrant stores an ACTIVE grant with its envelopes, coverage and trail
// entries. It serves MsgGrantAccess and MsgApproveRequest.
func (k Keeper) createGrant(ctx context.Context, g types.Grant, envs []types.RecordEnvelope, b block, p types.Params) (uint64, error) {
	if _, err := k.CurrentEncryptionKey(ctx, k.mustBytes(g.Grantee)); err != nil {
		return 0, err
	}
	records, err := k.recordsInScope(ctx, g, p)
	if err != nil {
		return 0, err
	}
	if err := checkGrantEnvelopes(records, envs, g.Scope); err != nil {
		return 0, err
	}
	// The ID is issued before the envelopes are written, so their grant
	// epoch includes this grant.
	if g.Id, err = issueID(ctx, k.LastGrantID); err != nil {
		return 0, err
	}
	g.Status = types.GRANT_STATUS_ACTIVE
	g.CreatedHeight, g.CreatedTime = b.height, b.time
	if err := k.saveGrant(ctx, g); err != nil {
		return 0, err
	}
	if err := k.indexGrant(ctx, g); err != nil {
		return 0, err
	}
	if err := k.setLive(ctx, g); err != nil {
		return 0, err
	}
	for _, e := range envs {
		if err := k.writeEnvelope(ctx, e.RecordId, e.Version, g.Grantee, e.Commitment, b); err != nil {
			return 0, err
		}
	}
	for _, r := range records {
		if err := k.cover(ctx, g, r.Id); err != nil {
			return 0, err
		}
		created := trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_GRANT_CREATED, g.Owner)
		created.GrantId, created.RequestId, created.Version = g.Id, g.RequestId, r.Version
		if err := k.appendTrail(ctx, created); err != nil {
			return 0, err
		}
	}
	return g.Id, emitEvent(ctx, &types.EventGrantCreated{
		GrantId: g.Id, Owner: g.Owner, Grantee: g.Grantee, Scope: g.Scope, PurposeCode: g.PurposeCode,
		ExpiresAt: g.ExpiresAt, MaxUses: g.MaxUses, RequestId: g.RequestId,
	})
}

// setLive adds an ACTIVE grant to the live index and the expiry queue.
func (k Keeper) setLive(ctx context.Context, g types.Grant) error {
	if err := k.ExpiryQueue.Set(ctx, collections.Join(timeKey(g.ExpiresAt), g.Id)); err != nil {
		return err
	}
	if g.Scope.IsTag() {
		return k.LiveTagGrants.Set(ctx, collections.Join3(k.mustBytes(g.Owner), g.Scope.Tag, g.Id))
	}
	return k.LiveRecordGrants.Set(ctx, collections.Join(g.Scope.RecordId, g.Id))
}

// removeLive takes a grant out of the live index and the expiry queue.
func (k Keeper) removeLive(ctx context.Context, g types.Grant) error {
	if err := k.ExpiryQueue.Remove(ctx, collections.Join(timeKey(g.ExpiresAt), g.Id)); err != nil {
		return err
	}
	if g.Scope.IsTag() {
		return k.LiveTagGrants.Remove(ctx, collections.Join3(k.mustBytes(g.Owner), g.Scope.Tag, g.Id))
	}
	return k.LiveRecordGrants.Remove(ctx, collections.Join(g.Scope.RecordId, g.Id))
}

// endGrant moves an ACTIVE grant to a final status. It stays in Grants for
// the audit trail. A record-scoped grant's ending enters its record's trail
// at once; a tag-scoped grant may cover many records, so its ending is
// fanned out to their trails by EndBlock, a bounded number per block.
func (k Keeper) endGrant(ctx context.Context, g types.Grant, status types.GrantStatus, b block) error {
	g.Status = status
	g.EndedHeight, g.EndedTime = b.height, b.time
	if err := k.saveGrant(ctx, g); err != nil {
		return err
	}
	if err := k.removeLive(ctx, g); err != nil {
		return err
	}
	if g.Scope.IsTag() {
		if err := k.TrailFanOut.Set(ctx, g.Id, 0); err != nil {
			return err
		}
	} else if err := k.appendTrail(ctx, grantEndedEntry(b, g.Scope.RecordId, g)); err != nil {
		return err
	}
	return emitEvent(ctx, &types.EventGrantEnded{
		GrantId: g.Id, Owner: g.Owner, Grantee: g.Grantee, Scope: g.Scope, Status: status,
	})
}

// RevokeAccess ends a live grant at the owner's request.
func (k Keeper) RevokeAccess(ctx context.Context, msg *types.MsgRevokeAccess) error {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return err
	}
	return inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		g, err := k.GetGrant(ctx, msg.GrantId)
		if err != nil {
			return err
		}
		if g.Owner != msg.Owner {
			return errorsmod.Wrapf(types.ErrNotOwner, "grant %d was made by %s", g.Id, g.Owner)
		}
		if err := g.Live(b.time); err != nil {
			return err
		}
		return k.endGrant(ctx, g, types.GRANT_STATUS_REVOKED, b)
	})
}
