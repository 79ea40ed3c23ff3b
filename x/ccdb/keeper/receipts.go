package keeper

import (
	"context"
	"errors"
	"sort"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// GetReceipt returns a read receipt.
func (k Keeper) GetReceipt(ctx context.Context, id uint64) (types.Receipt, error) {
	r, err := k.Receipts.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return r, errorsmod.Wrapf(types.ErrReceiptNotFound, "%d", id)
	}
	return r, err
}

// insertReceipt stores a new receipt with its index entries.
func (k Keeper) insertReceipt(ctx context.Context, r types.Receipt) error {
	if err := k.Receipts.Set(ctx, r.Id, r); err != nil {
		return err
	}
	if err := k.ReceiptsByRecord.Set(ctx, collections.Join(r.RecordId, r.Id)); err != nil {
		return err
	}
	if err := k.ReceiptsByGrant.Set(ctx, collections.Join(r.GrantId, r.Id)); err != nil {
		return err
	}
	return k.ReceiptsByReader.Set(ctx, collections.Join3(k.mustBytes(r.Reader), r.RecordId, r.Id))
}

// LatestReceipt returns reader's most recent read receipt for a record.
func (k Keeper) LatestReceipt(ctx context.Context, reader sdk.AccAddress, recordID uint64) (types.Receipt, bool, error) {
	rng := new(collections.Range[collections.Triple[sdk.AccAddress, uint64, uint64]]).
		Prefix(collections.TripleSuperPrefix[sdk.AccAddress, uint64, uint64](reader, recordID)).Descending()
	var id uint64
	found := false
	err := k.ReceiptsByReader.Walk(ctx, rng, func(key collections.Triple[sdk.AccAddress, uint64, uint64]) (bool, error) {
		id, found = key.K3(), true
		return true, nil
	})
	if err != nil || !found {
		return types.Receipt{}, false, err
	}
	r, err := k.Receipts.Get(ctx, id)
	return r, err == nil, err
}

// firstReceiptAt returns the ID of the first receipt at or after t, or the
// next ID to be issued if there is none. Receipts are never removed, IDs are
// issued in block order and block times never decrease, so the receipts at
// or after t are a suffix of the IDs and a binary search finds it.
func (k Keeper) firstReceiptAt(ctx context.Context, t time.Time) (uint64, error) {
	last, err := k.LastReceiptID.Peek(ctx)
	if err != nil {
		return 0, err
	}
	var searchErr error
	n := sort.Search(int(last), func(i int) bool {
		if searchErr != nil {
			return true
		}
		r, err := k.GetReceipt(ctx, uint64(i)+1)
		if err != nil {
			searchErr = err
			return true
		}
		return !r.Time.Before(t)
	})
	return uint64(n) + 1, searchErr
}

// AccessRecord accepts a reader's read receipt if a live grant of theirs
// covers the record version, counts the use and stores the receipt.
func (k Keeper) AccessRecord(ctx context.Context, msg *types.MsgAccessRecord) (types.Receipt, error) {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return types.Receipt{}, err
	}
	var receipt types.Receipt
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		g, env, version, err := k.checkRead(ctx, msg, b)
		if err != nil {
			return err
		}
		id, err := issueID(ctx, k.LastReceiptID)
		if err != nil {
			return err
		}
		receipt = types.Receipt{
			Id: id, Reader: msg.Reader, RecordId: msg.RecordId, Version: version, GrantId: g.Id,
			PurposeCode: msg.PurposeCode, EnvelopeCommitment: env.Commitment, Height: b.height, Time: b.time,
		}
		if err := k.insertReceipt(ctx, receipt); err != nil {
			return err
		}
		e := trailEntry(b, msg.RecordId, types.TRAIL_EVENT_KIND_RECORD_ACCESSED, msg.Reader)
		e.Version, e.GrantId, e.ReceiptId = version, g.Id, id
		if err := k.appendTrail(ctx, e); err != nil {
			return err
		}
		// The use is counted after the receipt is in the trail, so a grant's
		// last read comes before its exhaustion.
		g.Uses++
		if err := k.GrantUses.Set(ctx, g.Id, g.Uses); err != nil {
			return err
		}
		if g.MaxUses > 0 && g.Uses == g.MaxUses {
			if err := k.endGrant(ctx, g, types.GRANT_STATUS_EXHAUSTED, b); err != nil {
				return err
			}
		}
		return emitEvent(ctx, &types.EventRecordAccessed{
			ReceiptId: id, Reader: msg.Reader, RecordId: msg.RecordId, Version: version, GrantId: g.Id,
			PurposeCode: msg.PurposeCode, EnvelopeCommitment: env.Commitment,
		})
	})
	return receipt, err
}

// checkRead returns the grant, the envelope and the version a read uses, or
// the error naming the first check that fails: the grant is the reader's and
// live, covers the record, the record is readable, the version exists, the
// purpose is the grant's, and an envelope was committed under the grant.
func (k Keeper) checkRead(ctx context.Context, msg *types.MsgAccessRecord, b block) (types.Grant, types.EnvelopeCommitment, uint64, error) {
	fail := func(err error) (types.Grant, types.EnvelopeCommitment, uint64, error) {
		return types.Grant{}, types.EnvelopeCommitment{}, 0, err
	}
	g, err := k.GetGrant(ctx, msg.GrantId)
	if err != nil {
		return fail(err)
	}
	if g.Grantee != msg.Reader {
		return fail(errorsmod.Wrapf(types.ErrNotGrantee, "grant %d is for %s", g.Id, g.Grantee))
	}
	if err := g.Live(b.time); err != nil {
		return fail(err)
	}
	r, err := k.GetRecord(ctx, msg.RecordId)
	if err != nil {
		return fail(err)
	}
	if !g.Covers(r) {
		return fail(errorsmod.Wrapf(types.ErrOutOfScope, "grant %d covers %s, not record %d", g.Id, g.Scope.Describe(), r.Id))
	}
	if err := requireActive(r); err != nil {
		return fail(err)
	}
	version := msg.Version
	if version == 0 {
		version = r.Version
	}
	if version > r.Version {
		return fail(errorsmod.Wrapf(types.ErrVersionNotFound, "record %d is at version %d", r.Id, r.Version))
	}
	if msg.PurposeCode != g.PurposeCode {
		return fail(errorsmod.Wrapf(types.ErrPurposeMismatch, "grant %d is for %s, the read declares %s", g.Id, g.PurposeCode, msg.PurposeCode))
	}
	env, err := k.envelopeFor(ctx, g, r.Id, version)
	if err != nil {
		return fail(err)
	}
	return g, env, version, nil
}
