package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// GetRequest returns an access request.
func (k Keeper) GetRequest(ctx context.Context, id uint64) (types.AccessRequest, error) {
	r, err := k.Requests.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return r, errorsmod.Wrapf(types.ErrRequestNotFound, "%d", id)
	}
	return r, err
}

// RequestAccess records a would-be reader's request. A record-scoped request
// enters the record's trail; a tag-scoped one is found by owner or requester.
func (k Keeper) RequestAccess(ctx context.Context, msg *types.MsgRequestAccess) (uint64, error) {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	var id uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		// The owner must be able to seal envelopes to the requester.
		if _, err := k.CurrentEncryptionKey(ctx, k.mustBytes(msg.Requester)); err != nil {
			return err
		}
		owner := msg.Owner
		if !msg.Scope.IsTag() {
			r, err := k.GetRecord(ctx, msg.Scope.RecordId)
			if err != nil {
				return err
			}
			if owner != "" && owner != r.Owner {
				return errorsmod.Wrapf(types.ErrNotOwner, "record %d belongs to %s, not %s", r.Id, r.Owner, owner)
			}
			if err := requireActive(r); err != nil {
				return err
			}
			owner = r.Owner
			if owner == msg.Requester {
				return errorsmod.Wrapf(types.ErrSelfGrant, "%s owns record %d", owner, r.Id)
			}
		}
		if id, err = issueID(ctx, k.LastRequestID); err != nil {
			return err
		}
		req := types.AccessRequest{
			Id: id, Requester: msg.Requester, Owner: owner, Scope: msg.Scope, Purpose: msg.Purpose,
			PurposeCode: msg.PurposeCode, Duration: msg.Duration, Status: types.REQUEST_STATUS_PENDING,
			CreatedHeight: b.height, CreatedTime: b.time,
		}
		if err := k.Requests.Set(ctx, id, req); err != nil {
			return err
		}
		if err := k.indexRequest(ctx, req); err != nil {
			return err
		}
		if !req.Scope.IsTag() {
			e := trailEntry(b, req.Scope.RecordId, types.TRAIL_EVENT_KIND_ACCESS_REQUESTED, req.Requester)
			e.RequestId = id
			if err := k.appendTrail(ctx, e); err != nil {
				return err
			}
		}
		return emitEvent(ctx, &types.EventAccessRequested{
			RequestId: id, Requester: req.Requester, Owner: owner, Scope: req.Scope,
			PurposeCode: req.PurposeCode, Duration: req.Duration,
		})
	})
	return id, err
}

// pendingRequest returns a PENDING request addressed to owner.
func (k Keeper) pendingRequest(ctx context.Context, id uint64, owner string) (types.AccessRequest, error) {
	req, err := k.GetRequest(ctx, id)
	if err != nil {
		return req, err
	}
	if req.Owner != owner {
		return req, errorsmod.Wrapf(types.ErrNotOwner, "request %d is addressed to %s", id, req.Owner)
	}
	if req.Status != types.REQUEST_STATUS_PENDING {
		return req, errorsmod.Wrapf(types.ErrRequestNotPending, "request %d is %s", id, req.Status)
	}
	return req, nil
}

// indexRequest lists a new request under its owner and its requester.
func (k Keeper) indexRequest(ctx context.Context, req types.AccessRequest) error {
	return k.indexByAddress(ctx, req.Id, addressIndex{k.RequestsByOwner, req.Owner}, addressIndex{k.RequestsByRequester, req.Requester})
}

// decide closes a request and, for a record scope, writes kind to the
// record's trail.
func (k Keeper) decide(ctx context.Context, req types.AccessRequest, status types.RequestStatus, kind types.TrailEventKind, b block) error {
	req.Status = status
	req.DecidedHeight, req.DecidedTime = b.height, b.time
	if err := k.Requests.Set(ctx, req.Id, req); err != nil {
		return err
	}
	if req.Scope.IsTag() {
		return nil
	}
	e := trailEntry(b, req.Scope.RecordId, kind, req.Owner)
	e.RequestId, e.GrantId = req.Id, req.GrantId
	return k.appendTrail(ctx, e)
}

// ApproveRequest creates the requested grant, lasting the requested duration
// from now, with the uses and envelopes the owner supplies.
func (k Keeper) ApproveRequest(ctx context.Context, msg *types.MsgApproveRequest) (uint64, error) {
	p, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	var grantID uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		req, err := k.pendingRequest(ctx, msg.RequestId, msg.Owner)
		if err != nil {
			return err
		}
		// The params may have changed since the request was made.
		if err := types.ValidateDuration(req.Duration, p); err != nil {
			return err
		}
		grantID, err = k.createGrant(ctx, types.Grant{
			Owner: req.Owner, Grantee: req.Requester, Scope: req.Scope, Purpose: req.Purpose,
			PurposeCode: req.PurposeCode, ExpiresAt: b.time.Add(req.Duration), MaxUses: msg.MaxUses, RequestId: req.Id,
		}, msg.Envelopes, b, p)
		if err != nil {
			return err
		}
		req.GrantId = grantID
		if err := k.decide(ctx, req, types.REQUEST_STATUS_APPROVED, types.TRAIL_EVENT_KIND_REQUEST_APPROVED, b); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventRequestApproved{
			RequestId: req.Id, GrantId: grantID, Owner: req.Owner, Requester: req.Requester,
		})
	})
	return grantID, err
}

// RejectRequest turns a request down.
func (k Keeper) RejectRequest(ctx context.Context, msg *types.MsgRejectRequest) error {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return err
	}
	return inCache(ctx, func(ctx sdk.Context) error {
		req, err := k.pendingRequest(ctx, msg.RequestId, msg.Owner)
		if err != nil {
			return err
		}
		req.Reason = msg.Reason
		if err := k.decide(ctx, req, types.REQUEST_STATUS_REJECTED, types.TRAIL_EVENT_KIND_REQUEST_REJECTED, blockOf(ctx)); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventRequestRejected{
			RequestId: req.Id, Owner: req.Owner, Requester: req.Requester,
		})
	})
}
