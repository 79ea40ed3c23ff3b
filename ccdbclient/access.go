package ccdbclient

import (
	"context"
	"fmt"
	"strings"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// RequestOptions describe an access request: one record, or an owner's
// records with a tag.
type RequestOptions struct {
	RecordID    uint64
	Tag         string
	Owner       string
	Purpose     string
	PurposeCode ccdbtypes.PurposeCode
	Duration    time.Duration
}

// Request asks an owner for access; it needs the caller's encryption key
// on chain (the owner will seal to it).
func (c *Client) Request(ctx context.Context, o RequestOptions) (uint64, error) {
	switch {
	case (o.RecordID == 0) == (o.Tag == ""):
		return 0, fmt.Errorf("%w: request either one record or one tag", ErrBadInput)
	case o.Tag != "" && o.Owner == "":
		return 0, fmt.Errorf("%w: a tag request names the owner (--owner)", ErrBadInput)
	case strings.TrimSpace(o.Purpose) == "" || o.PurposeCode == ccdbtypes.PURPOSE_CODE_UNSPECIFIED:
		return 0, fmt.Errorf("%w: a request needs a purpose and a purpose code", ErrBadInput)
	case o.Duration <= 0:
		return 0, fmt.Errorf("%w: a request needs a positive duration", ErrBadInput)
	}
	if o.RecordID != 0 {
		rec, err := c.record(ctx, o.RecordID)
		if err != nil {
			return 0, err
		}
		if rec.Record.Owner == c.Account {
			return 0, fmt.Errorf("%w: record %d is yours", ErrBadInput, o.RecordID)
		}
	}
	if _, err := c.registeredKey(ctx, c.Account); err != nil {
		return 0, err
	}
	res, err := c.Txs.Submit(ctx, &ccdbtypes.MsgRequestAccess{
		Requester: c.Account, Owner: o.Owner, Scope: ccdbtypes.GrantScope{RecordId: o.RecordID, Tag: o.Tag},
		Purpose: o.Purpose, PurposeCode: o.PurposeCode, Duration: o.Duration,
	})
	if err != nil {
		return 0, err
	}
	var out ccdbtypes.MsgRequestAccessResponse
	return out.RequestId, txsubmit.MsgResponse(res, 0, &out)
}

// Reject turns a pending request down.
func (c *Client) Reject(ctx context.Context, requestID uint64, reason string) error {
	return c.submit(ctx, &ccdbtypes.MsgRejectRequest{Owner: c.Account, RequestId: requestID, Reason: reason})
}

// Revoke ends a grant at once. Custodians delete the grantee's envelopes;
// Rekey then protects what is written from now on.
func (c *Client) Revoke(ctx context.Context, grantID uint64) error {
	res, err := c.Query.Grant(ctx, &ccdbtypes.QueryGrantRequest{GrantId: grantID})
	if err != nil {
		return queryError(fmt.Sprintf("grant %d", grantID), err)
	}
	if res.Grant.Owner != c.Account {
		return fmt.Errorf("%w: grant %d was made by %s", ErrNotOwner, grantID, res.Grant.Owner)
	}
	return c.submit(ctx, &ccdbtypes.MsgRevokeAccess{Owner: c.Account, GrantId: grantID})
}

// Erase asks the custodians to erase a record.
func (c *Client) Erase(ctx context.Context, recordID uint64) error {
	if _, err := c.ownedActiveRecord(ctx, recordID); err != nil {
		return err
	}
	return c.submit(ctx, &ccdbtypes.MsgEraseRecord{Owner: c.Account, RecordId: recordID})
}

// WaitErased polls until the record is ERASED (a quorum of custodians
// attested) and returns its erasure status.
func (c *Client) WaitErased(ctx context.Context, recordID uint64, poll time.Duration) (*ccdbtypes.QueryErasureStatusResponse, error) {
	for {
		st, err := c.Query.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: recordID})
		if err != nil {
			return nil, queryError(fmt.Sprintf("erasure of record %d", recordID), err)
		}
		if st.Status == ccdbtypes.RECORD_STATUS_ERASED {
			return st, nil
		}
		select {
		case <-ctx.Done():
			return st, fmt.Errorf("record %d is still %s with %d of %d attestations: %w",
				recordID, st.Status, len(st.Attestations), st.Required, ctx.Err())
		case <-time.After(poll):
		}
	}
}

// RegisterKey registers the caller's encryption key on chain, unless it is
// already the current one.
func (c *Client) RegisterKey(ctx context.Context) (registered bool, err error) {
	if c.Key == nil {
		return false, fmt.Errorf("%w: no key to register", ErrNoEncryptionKey)
	}
	if current, err := c.registeredKey(ctx, c.Account); err == nil && current.Equal(c.Key.Public()) {
		return false, nil
	}
	return true, c.submit(ctx, &ccdbtypes.MsgRegisterEncryptionKey{Owner: c.Account, PublicKey: c.Key.Public().Bytes()})
}

func (c *Client) submit(ctx context.Context, msg sdk.Msg) error {
	_, err := c.Txs.Submit(ctx, msg)
	return err
}

// RegisteredKey is the caller's encryption key on chain.
func (c *Client) RegisteredKey(ctx context.Context) (*envelope.PublicKey, error) {
	return c.registeredKey(ctx, c.Account)
}
