package ccdbclient

import (
	"context"
	"io"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// maxAttempts bounds how often a put, grant or update is planned again
// after losing a race with another transaction.
const maxAttempts = 4

// PutOptions describe a new record.
type PutOptions struct {
	ContentType string
	Tags        []string
	// Grant, when set, grants access to the new record in the same
	// transaction (its RecordID and Tag are ignored).
	Grant *GrantOptions
}

// PutResult is the record registered.
type PutResult struct {
	RecordID uint64
	GrantID  uint64
	CID      string
	SHA256   [32]byte
	Size     int64
	Height   int64
}

// Put encrypts plaintext under a fresh data key, uploads the ciphertext,
// seals the key for the owner (and for every live tag grant's grantee, and
// opts.Grant's) and registers the record, in one transaction with the grant.
func (c *Client) Put(ctx context.Context, plaintext io.Reader, opts PutOptions) (PutResult, error) {
	if _, err := c.requireKey(ctx); err != nil {
		return PutResult{}, err
	}
	if opts.Grant != nil {
		if err := c.checkGrantee(ctx, opts.Grant); err != nil {
			return PutResult{}, err
		}
	}
	dek := envelope.NewDataKey()
	ct, err := c.encryptToFile(ctx, plaintext, dek)
	if err != nil {
		return PutResult{}, err
	}
	defer ct.remove()
	if err := c.upload(ctx, ct); err != nil {
		return PutResult{}, err
	}
	out := PutResult{CID: ct.cid.String(), SHA256: ct.sha256, Size: ct.size}
	res, err := c.submitPlanned(ctx, func() ([]sdk.Msg, error) { return c.putMsgs(ctx, dek, ct, opts) })
	if err != nil {
		return out, err
	}
	var put ccdbtypes.MsgPutRecordResponse
	if err := txsubmit.MsgResponse(res, 0, &put); err != nil {
		return out, err
	}
	out.RecordID, out.Height = put.RecordId, res.Height
	if opts.Grant != nil {
		var g ccdbtypes.MsgGrantAccessResponse
		if err := txsubmit.MsgResponse(res, 1, &g); err != nil {
			return out, err
		}
		out.GrantID = g.GrantId
	}
	return out, nil
}

// putMsgs plans the put for the record ID the chain will assign next:
// envelopes bound to that ID, for the owner and every grantee that needs one.
func (c *Client) putMsgs(ctx context.Context, dek envelope.DataKey, ct *ciphertextFile, opts PutOptions) ([]sdk.Msg, error) {
	next, err := c.Query.NextRecordID(ctx, &ccdbtypes.QueryNextRecordIDRequest{})
	if err != nil {
		return nil, queryError("the next record ID", err)
	}
	id := next.RecordId
	ownerCommitment, err := c.sealFor(ctx, dek, id, 1, c.Account)
	if err != nil {
		return nil, err
	}
	grantees, err := c.tagGrantees(ctx, opts.Tags)
	if err != nil {
		return nil, err
	}
	envs := make([]ccdbtypes.GranteeEnvelope, 0, len(grantees))
	commitments := map[string][]byte{}
	for _, g := range grantees {
		if commitments[g], err = c.sealFor(ctx, dek, id, 1, g); err != nil {
			return nil, err
		}
		envs = append(envs, ccdbtypes.GranteeEnvelope{Grantee: g, Commitment: commitments[g]})
	}
	msgs := []sdk.Msg{&ccdbtypes.MsgPutRecord{
		Owner: c.Account, Cid: ct.cid.String(), CiphertextSha256: ct.sha256[:], Size_: uint64(ct.size),
		ContentType: opts.ContentType, Tags: opts.Tags, EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: ownerCommitment, Envelopes: envs, RecordId: id,
	}}
	if g := opts.Grant; g != nil {
		commitment, ok := commitments[g.Grantee]
		if !ok {
			if commitment, err = c.sealFor(ctx, dek, id, 1, g.Grantee); err != nil {
				return nil, err
			}
		}
		scoped := *g
		scoped.RecordID, scoped.Tag = id, ""
		msgs = append(msgs, c.grantMsg(scoped, []ccdbtypes.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment}}))
	}
	return msgs, nil
}
