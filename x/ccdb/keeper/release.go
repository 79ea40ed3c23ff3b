package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/msec-city/msec/x/ccdb/types"
)

// ReleaseAuthorization answers the companion service: may account be given
// the record's ciphertext and an envelope now (at the block time of ctx),
// and which version and envelope? The owner may always fetch any version of
// an active record. Anyone else needs a read receipt younger than
// receipt_validity, under a grant that has not since been revoked, ended by
// erasure or expired (a grant exhausted by that very receipt still counts),
// and an envelope still committed for them.
func (k Keeper) ReleaseAuthorization(ctx context.Context, recordID uint64, account string, version uint64) (*types.QueryReleaseAuthorizationResponse, error) {
	r, err := k.GetRecord(ctx, recordID)
	if err != nil {
		return nil, err
	}
	res := &types.QueryReleaseAuthorizationResponse{}
	deny := func(format string, args ...any) (*types.QueryReleaseAuthorizationResponse, error) {
		res.Authorized, res.Reason = false, fmt.Sprintf(format, args...)
		return res, nil
	}
	if r.Status != types.RECORD_STATUS_ACTIVE {
		return deny("record %d is %s", r.Id, r.Status)
	}
	if account == r.Owner {
		if version == 0 {
			version = r.Version
		}
		v, err := k.GetVersion(ctx, r.Id, version)
		if err != nil {
			return nil, err
		}
		res.Authorized, res.Version, res.EnvelopeCommitment = true, v, v.OwnerEnvelopeCommitment
		return res, nil
	}
	reader, err := k.addressCodec.StringToBytes(account)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%v", err)
	}
	receipt, found, err := k.LatestReceipt(ctx, reader, r.Id)
	if err != nil {
		return nil, err
	}
	if !found {
		return deny("%s has no read receipt for record %d", account, r.Id)
	}
	res.Receipt = receipt
	p, err := k.params(ctx)
	if err != nil {
		return nil, err
	}
	now := blockOf(ctx).time
	res.ValidUntil = receipt.Time.Add(p.ReceiptValidity)
	if !now.Before(res.ValidUntil) {
		return deny("receipt %d expired at %s; post a new read receipt", receipt.Id, res.ValidUntil.Format(time.RFC3339))
	}
	g, err := k.GetGrant(ctx, receipt.GrantId)
	if err != nil {
		return nil, err
	}
	switch {
	case g.Status == types.GRANT_STATUS_REVOKED || g.Status == types.GRANT_STATUS_ENDED_BY_ERASURE:
		return deny("grant %d is %s", g.Id, g.Status)
	case !now.Before(g.ExpiresAt):
		return deny("grant %d expired at %s", g.Id, g.ExpiresAt.Format(time.RFC3339))
	}
	if res.Version, err = k.GetVersion(ctx, r.Id, receipt.Version); err != nil {
		return nil, err
	}
	env, err := k.envelopeFor(ctx, g, r.Id, receipt.Version)
	if errors.Is(err, types.ErrNoEnvelope) {
		return deny("%v", err)
	}
	if err != nil {
		return nil, err
	}
	res.Authorized, res.EnvelopeCommitment = true, env.Commitment
	return res, nil
}
