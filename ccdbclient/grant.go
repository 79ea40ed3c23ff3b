package ccdbclient

import (
	"context"
	"fmt"
	"strings"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/ccdbquery"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// GrantOptions describe a grant: one record, or every record of the owner
// with a tag (including later ones).
type GrantOptions struct {
	Grantee     string
	RecordID    uint64
	Tag         string
	Purpose     string
	PurposeCode ccdbtypes.PurposeCode
	// Expires is how long from now the grant lasts.
	Expires time.Duration
	// MaxUses bounds reads; 0 is unlimited until expiry.
	MaxUses uint64
}

func (o GrantOptions) scope() ccdbtypes.GrantScope {
	return ccdbtypes.GrantScope{RecordId: o.RecordID, Tag: o.Tag}
}

// checkGrantee refuses, before anything is uploaded, a grant the chain
// would refuse for its grantee or wording.
func (c *Client) checkGrantee(ctx context.Context, o *GrantOptions) error {
	if _, err := sdk.AccAddressFromBech32(o.Grantee); err != nil {
		return fmt.Errorf("%w: grantee %q: %v", ErrBadInput, o.Grantee, err)
	}
	if o.Grantee == c.Account {
		return fmt.Errorf("%w: you cannot grant access to yourself", ErrBadInput)
	}
	if strings.TrimSpace(o.Purpose) == "" {
		return fmt.Errorf("%w: a grant needs a purpose (--purpose)", ErrBadInput)
	}
	if o.PurposeCode == ccdbtypes.PURPOSE_CODE_UNSPECIFIED {
		return fmt.Errorf("%w: a grant needs a purpose code (--purpose-code)", ErrBadInput)
	}
	if o.Expires <= 0 {
		return fmt.Errorf("%w: a grant needs a positive duration (--expires)", ErrBadInput)
	}
	_, err := c.registeredKey(ctx, o.Grantee)
	return err
}

func (c *Client) grantMsg(o GrantOptions, envs []ccdbtypes.RecordEnvelope) *ccdbtypes.MsgGrantAccess {
	return &ccdbtypes.MsgGrantAccess{
		Owner: c.Account, Grantee: o.Grantee, Scope: o.scope(), Purpose: o.Purpose, PurposeCode: o.PurposeCode,
		ExpiresAt: c.Now().Add(o.Expires).UTC(), MaxUses: o.MaxUses, Envelopes: envs,
	}
}

// Grant lets o.Grantee read the records in scope: it seals the current
// version's data key of each for the grantee, uploads the envelopes and
// signs the grant.
func (c *Client) Grant(ctx context.Context, o GrantOptions) (uint64, error) {
	if (o.RecordID == 0) == (o.Tag == "") {
		return 0, fmt.Errorf("%w: grant either one record or one tag", ErrBadInput)
	}
	if err := c.checkGrantee(ctx, &o); err != nil {
		return 0, err
	}
	return c.submitWithEnvelopes(ctx, o.scope(), o.Grantee, func(envs []ccdbtypes.RecordEnvelope) sdk.Msg {
		return c.grantMsg(o, envs)
	}, func(res txsubmit.Result) (uint64, error) {
		var out ccdbtypes.MsgGrantAccessResponse
		return out.GrantId, txsubmit.MsgResponse(res, 0, &out)
	})
}

// Approve grants a pending access request: the requester gets envelopes of
// every record in the requested scope, for the requested duration.
func (c *Client) Approve(ctx context.Context, requestID, maxUses uint64) (uint64, error) {
	res, err := c.Query.Request(ctx, &ccdbtypes.QueryRequestRequest{RequestId: requestID})
	if err != nil {
		return 0, queryError(fmt.Sprintf("request %d", requestID), err)
	}
	req := res.Request
	switch {
	case req.Owner != c.Account:
		return 0, fmt.Errorf("%w: request %d is addressed to %s", ErrNotOwner, requestID, req.Owner)
	case req.Status != ccdbtypes.REQUEST_STATUS_PENDING:
		return 0, fmt.Errorf("%w: request %d is %s", ErrBadInput, requestID, req.Status)
	}
	return c.submitWithEnvelopes(ctx, req.Scope, req.Requester, func(envs []ccdbtypes.RecordEnvelope) sdk.Msg {
		return &ccdbtypes.MsgApproveRequest{Owner: c.Account, RequestId: requestID, MaxUses: maxUses, Envelopes: envs}
	}, func(res txsubmit.Result) (uint64, error) {
		var out ccdbtypes.MsgApproveRequestResponse
		return out.GrantId, txsubmit.MsgResponse(res, 0, &out)
	})
}

// submitWithEnvelopes seals the current version of every record in scope
// for grantee, builds the message around the envelopes and submits it,
// planning again if a record was put or updated meanwhile.
func (c *Client) submitWithEnvelopes(ctx context.Context, scope ccdbtypes.GrantScope, grantee string,
	build func([]ccdbtypes.RecordEnvelope) sdk.Msg, grantID func(txsubmit.Result) (uint64, error),
) (uint64, error) {
	key, err := c.requireKey(ctx)
	if err != nil {
		return 0, err
	}
	res, err := c.submitPlanned(ctx, func() ([]sdk.Msg, error) {
		envs, err := c.scopeEnvelopes(ctx, key, scope, grantee)
		if err != nil {
			return nil, err
		}
		return []sdk.Msg{build(envs)}, nil
	})
	if err != nil {
		return 0, err
	}
	return grantID(res)
}

// scopeEnvelopes seals, for grantee, the current version of every active
// record of the caller in scope.
func (c *Client) scopeEnvelopes(ctx context.Context, key *envelope.PrivateKey, scope ccdbtypes.GrantScope, grantee string) ([]ccdbtypes.RecordEnvelope, error) {
	var versions []ccdbtypes.RecordVersion
	if scope.RecordId != 0 {
		rec, err := c.ownedActiveRecord(ctx, scope.RecordId)
		if err != nil {
			return nil, err
		}
		versions = append(versions, rec.Current)
	} else {
		records, err := ccdbquery.RecordsByTag(ctx, c.Query, c.Account, scope.Tag)
		if err != nil {
			return nil, queryError("your records tagged "+scope.Tag, err)
		}
		for _, r := range records {
			if r.Status != ccdbtypes.RECORD_STATUS_ACTIVE {
				continue
			}
			v, err := c.Query.RecordVersion(ctx, &ccdbtypes.QueryRecordVersionRequest{RecordId: r.Id, Version: r.Version})
			if err != nil {
				return nil, queryError(fmt.Sprintf("record %d", r.Id), err)
			}
			versions = append(versions, v.Version)
		}
	}
	envs := make([]ccdbtypes.RecordEnvelope, 0, len(versions))
	for _, v := range versions {
		dek, err := c.ownerDEK(ctx, key, v)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", v.RecordId, err)
		}
		commitment, err := c.sealFor(ctx, dek, v.RecordId, v.Version, grantee)
		if err != nil {
			return nil, err
		}
		envs = append(envs, ccdbtypes.RecordEnvelope{RecordId: v.RecordId, Version: v.Version, Commitment: commitment})
	}
	return envs, nil
}
