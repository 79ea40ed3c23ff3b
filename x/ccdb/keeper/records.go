package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// GetRecord returns a record.
func (k Keeper) GetRecord(ctx context.Context, id uint64) (types.Record, error) {
	r, err := k.Records.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return r, errorsmod.Wrapf(types.ErrRecordNotFound, "%d", id)
	}
	return r, err
}

// GetVersion returns one version of a record.
func (k Keeper) GetVersion(ctx context.Context, recordID, version uint64) (types.RecordVersion, error) {
	v, err := k.Versions.Get(ctx, collections.Join(recordID, version))
	if errors.Is(err, collections.ErrNotFound) {
		return v, errorsmod.Wrapf(types.ErrVersionNotFound, "record %d version %d", recordID, version)
	}
	return v, err
}

// ownedRecord returns a record after checking owner signed for it.
func (k Keeper) ownedRecord(ctx context.Context, id uint64, owner string) (types.Record, error) {
	r, err := k.GetRecord(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Owner != owner {
		return r, errorsmod.Wrapf(types.ErrNotOwner, "record %d belongs to %s", id, r.Owner)
	}
	return r, nil
}

func requireActive(r types.Record) error {
	if r.Status != types.RECORD_STATUS_ACTIVE {
		return errorsmod.Wrapf(types.ErrRecordNotActive, "record %d is %s", r.Id, r.Status)
	}
	return nil
}

// newVersion is the version a put or update adds.
func newVersion(recordID, version uint64, ownerKey types.EncryptionKey, b block,
	cid string, hash []byte, size uint64, contentType string, suite types.EncryptionSuite, ownerCommitment []byte,
) types.RecordVersion {
	return types.RecordVersion{
		RecordId: recordID, Version: version, PreviousVersion: version - 1,
		Cid: cid, CiphertextSha256: hash, Size_: size, ContentType: contentType, EncryptionSuite: suite,
		OwnerEnvelopeCommitment: ownerCommitment, OwnerKeyIndex: ownerKey.Index,
		Height: b.height, Time: b.time,
	}
}

// insertRecord stores a new record with its owner and tag index entries.
func (k Keeper) insertRecord(ctx context.Context, r types.Record) error {
	if err := k.Records.Set(ctx, r.Id, r); err != nil {
		return err
	}
	owner := k.mustBytes(r.Owner)
	for _, tag := range r.Tags {
		if err := k.RecordTags.Set(ctx, collections.Join3(tag, owner, r.Id)); err != nil {
			return err
		}
	}
	return k.indexByAddress(ctx, r.Id, addressIndex{k.RecordsByOwner, r.Owner})
}

// PutRecord registers a new record at version 1. Every live tag-scoped grant
// of the owner whose tag the record carries covers it from now on, so the
// message must commit an envelope for each such grantee.
func (k Keeper) PutRecord(ctx context.Context, msg *types.MsgPutRecord) (uint64, error) {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	owner := k.mustBytes(msg.Owner)
	var id uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		ownerKey, err := k.CurrentEncryptionKey(ctx, owner)
		if err != nil {
			return err
		}
		if id, err = issueID(ctx, k.LastRecordID); err != nil {
			return err
		}
		if msg.RecordId != 0 && msg.RecordId != id {
			return errorsmod.Wrapf(types.ErrRecordIDTaken, "envelopes are bound to record %d, the next record is %d: re-seal and retry", msg.RecordId, id)
		}
		r := types.Record{
			Id: id, Owner: msg.Owner, Tags: msg.Tags, Status: types.RECORD_STATUS_ACTIVE, Version: 1,
			CreatedHeight: b.height, CreatedTime: b.time, UpdatedHeight: b.height, UpdatedTime: b.time,
		}
		if err := k.insertRecord(ctx, r); err != nil {
			return err
		}
		v := newVersion(id, 1, ownerKey, b, msg.Cid, msg.CiphertextSha256, msg.Size_, msg.ContentType,
			msg.EncryptionSuite, msg.OwnerEnvelopeCommitment)
		if err := k.Versions.Set(ctx, collections.Join(id, uint64(1)), v); err != nil {
			return err
		}
		put := trailEntry(b, id, types.TRAIL_EVENT_KIND_RECORD_PUT, msg.Owner)
		put.Version = 1
		if err := k.appendTrail(ctx, put); err != nil {
			return err
		}
		if err := k.commitNewVersion(ctx, r, msg.Envelopes, b); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventRecordPut{
			RecordId: id, Owner: msg.Owner, Cid: msg.Cid, Tags: msg.Tags, OwnerEnvelopeCommitment: msg.OwnerEnvelopeCommitment,
		})
	})
	return id, err
}

// UpdateRecord adds a version under a new data key. Its envelopes go to the
// grantees of the live grants covering the record and to no one else, which
// is what makes a re-key after a revocation forward-secure.
func (k Keeper) UpdateRecord(ctx context.Context, msg *types.MsgUpdateRecord) (uint64, error) {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	var version uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		r, err := k.ownedRecord(ctx, msg.RecordId, msg.Owner)
		if err != nil {
			return err
		}
		if err := requireActive(r); err != nil {
			return err
		}
		ownerKey, err := k.CurrentEncryptionKey(ctx, k.mustBytes(msg.Owner))
		if err != nil {
			return err
		}
		r.Version++
		version = r.Version
		r.UpdatedHeight, r.UpdatedTime = b.height, b.time
		if err := k.Records.Set(ctx, r.Id, r); err != nil {
			return err
		}
		v := newVersion(r.Id, version, ownerKey, b, msg.Cid, msg.CiphertextSha256, msg.Size_, msg.ContentType,
			msg.EncryptionSuite, msg.OwnerEnvelopeCommitment)
		if err := k.Versions.Set(ctx, collections.Join(r.Id, version), v); err != nil {
			return err
		}
		updated := trailEntry(b, r.Id, types.TRAIL_EVENT_KIND_RECORD_UPDATED, msg.Owner)
		updated.Version = version
		if err := k.appendTrail(ctx, updated); err != nil {
			return err
		}
		if err := k.commitNewVersion(ctx, r, msg.Envelopes, b); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventRecordUpdated{
			RecordId: r.Id, Owner: msg.Owner, Version: version, Cid: msg.Cid, OwnerEnvelopeCommitment: msg.OwnerEnvelopeCommitment,
		})
	})
	return version, err
}
