package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// EraseRecord starts an erasure: the record becomes ERASE_PENDING, which
// refuses reads and updates at once, and custodians are asked (by
// EventErasureRequested) to delete envelopes and ciphertext and attest.
func (k Keeper) EraseRecord(ctx context.Context, msg *types.MsgEraseRecord) error {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return err
	}
	return inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		r, err := k.ownedRecord(ctx, msg.RecordId, msg.Owner)
		if err != nil {
			return err
		}
		if err := requireActive(r); err != nil {
			return err
		}
		r.Status = types.RECORD_STATUS_ERASE_PENDING
		r.EraseRequestedHeight, r.EraseRequestedTime = b.height, b.time
		if err := k.Records.Set(ctx, r.Id, r); err != nil {
			return err
		}
		if err := k.appendTrail(ctx, trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_ERASURE_REQUESTED, msg.Owner)); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventErasureRequested{RecordId: r.Id, Owner: r.Owner, Versions: r.Version})
	})
}

// AttestErasure stores a custodian's attestation and completes the erasure
// once attestations meet the quorum of active members. Custodians that
// attest after completion are recorded too: the certificate grows.
func (k Keeper) AttestErasure(ctx context.Context, msg *types.MsgAttestErasure) (erased bool, err error) {
	p, err := k.checkMsg(ctx, msg)
	if err != nil {
		return false, err
	}
	custodian := k.mustBytes(msg.Custodian)
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		if active, err := k.consortium.IsActiveMember(ctx, custodian); err != nil {
			return err
		} else if !active {
			return errorsmod.Wrapf(types.ErrNotCustodian, "%s", msg.Custodian)
		}
		r, err := k.GetRecord(ctx, msg.RecordId)
		if err != nil {
			return err
		}
		if r.Status != types.RECORD_STATUS_ERASE_PENDING && r.Status != types.RECORD_STATUS_ERASED {
			return errorsmod.Wrapf(types.ErrNotErasing, "record %d is %s", r.Id, r.Status)
		}
		key := collections.Join(r.Id, custodian)
		if done, err := k.Attestations.Has(ctx, key); err != nil {
			return err
		} else if done {
			return errorsmod.Wrapf(types.ErrDuplicateAttest, "%s for record %d", msg.Custodian, r.Id)
		}
		if err := k.Attestations.Set(ctx, key, types.ErasureAttestation{
			RecordId: r.Id, Custodian: msg.Custodian, BlocksDeleted: msg.BlocksDeleted,
			EnvelopesDeleted: msg.EnvelopesDeleted, Statement: msg.Statement, Height: b.height, Time: b.time,
		}); err != nil {
			return err
		}
		if err := k.appendTrail(ctx, trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_ERASURE_ATTESTED, msg.Custodian)); err != nil {
			return err
		}
		count, err := k.countAttestations(ctx, r.Id)
		if err != nil {
			return err
		}
		active, err := k.consortium.ActiveMemberCount(ctx)
		if err != nil {
			return err
		}
		if err := emitEvent(ctx, &types.EventErasureAttested{
			RecordId: r.Id, Custodian: msg.Custodian, Attestations: count,
			Required: types.RequiredAttestations(p.ErasureQuorum, active),
		}); err != nil {
			return err
		}
		if r.Status != types.RECORD_STATUS_ERASE_PENDING || !types.QuorumReached(p.ErasureQuorum, count, active) {
			return nil
		}
		erased = true
		return k.completeErasure(ctx, r, count, active, b)
	})
	return erased, err
}

func (k Keeper) countAttestations(ctx context.Context, recordID uint64) (uint64, error) {
	var n uint64
	err := k.Attestations.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](recordID),
		func(collections.Pair[uint64, sdk.AccAddress], types.ErasureAttestation) (bool, error) {
			n++
			return false, nil
		})
	return n, err
}

// completeErasure marks the record ERASED and ends every live grant scoped
// to it. Tag-scoped grants live on for the owner's other records; an erased
// record fails their reads as any non-active record does.
func (k Keeper) completeErasure(ctx context.Context, r types.Record, attestations, active uint64, b block) error {
	r.Status = types.RECORD_STATUS_ERASED
	r.ErasedHeight, r.ErasedTime = b.height, b.time
	if err := k.Records.Set(ctx, r.Id, r); err != nil {
		return err
	}
	if err := k.appendTrail(ctx, trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_RECORD_ERASED, "")); err != nil {
		return err
	}
	var live []uint64
	if err := k.LiveRecordGrants.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](r.Id),
		func(key collections.Pair[uint64, uint64]) (bool, error) {
			live = append(live, key.K2())
			return false, nil
		}); err != nil {
		return err
	}
	for _, id := range live {
		g, err := k.GetGrant(ctx, id)
		if err != nil {
			return err
		}
		// One that expired but was not pruned yet ended by expiry.
		status := types.GRANT_STATUS_ENDED_BY_ERASURE
		if !b.time.Before(g.ExpiresAt) {
			status = types.GRANT_STATUS_EXPIRED
		}
		if err := k.endGrant(ctx, g, status, b); err != nil {
			return err
		}
	}
	return emitEvent(ctx, &types.EventRecordErased{
		RecordId: r.Id, Attestations: attestations, ActiveCustodians: active,
	})
}
