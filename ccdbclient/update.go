package ccdbclient

import (
	"context"
	"io"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// UpdateResult is the version added.
type UpdateResult struct {
	RecordID uint64
	Version  uint64
	CID      string
	Size     int64
	// Readers are the grantees the new data key was sealed to.
	Readers []string
}

// Update adds a version with new content under a new data key, sealed to
// the owner and to the grantees of the live grants covering the record.
func (c *Client) Update(ctx context.Context, recordID uint64, plaintext io.Reader) (UpdateResult, error) {
	if _, err := c.requireKey(ctx); err != nil {
		return UpdateResult{}, err
	}
	rec, err := c.ownedActiveRecord(ctx, recordID)
	if err != nil {
		return UpdateResult{}, err
	}
	return c.addVersion(ctx, rec.Current, plaintext)
}

// Rekey adds a version with the same content under a new data key, sealed
// only to the readers still granted: after a revocation, the revoked reader
// holds no key to anything written from now on.
func (c *Client) Rekey(ctx context.Context, recordID uint64) (UpdateResult, error) {
	key, err := c.requireKey(ctx)
	if err != nil {
		return UpdateResult{}, err
	}
	rec, err := c.ownedActiveRecord(ctx, recordID)
	if err != nil {
		return UpdateResult{}, err
	}
	old, dek, err := c.openOwnVersion(ctx, key, rec.Current)
	if err != nil {
		return UpdateResult{}, err
	}
	defer old.remove()
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(decryptFile(old, dek, pw)) }()
	defer pr.Close()
	return c.addVersion(ctx, rec.Current, pr)
}

// addVersion encrypts plaintext as the version after current and registers it.
func (c *Client) addVersion(ctx context.Context, current ccdbtypes.RecordVersion, plaintext io.Reader) (UpdateResult, error) {
	dek := envelope.NewDataKey()
	ct, err := c.encryptToFile(ctx, plaintext, dek)
	if err != nil {
		return UpdateResult{}, err
	}
	defer ct.remove()
	if err := c.upload(ctx, ct); err != nil {
		return UpdateResult{}, err
	}
	out := UpdateResult{RecordID: current.RecordId, Version: current.Version + 1, CID: ct.cid.String(), Size: ct.size}
	var readers []string
	res, err := c.submitPlanned(ctx, func() ([]sdk.Msg, error) {
		msg, r, err := c.updateMsg(ctx, dek, ct, current)
		readers = r
		return []sdk.Msg{msg}, err
	})
	if err != nil {
		return out, err
	}
	var up ccdbtypes.MsgUpdateRecordResponse
	if err := txsubmit.MsgResponse(res, 0, &up); err != nil {
		return out, err
	}
	out.Version, out.Readers = up.Version, readers
	return out, nil
}

func (c *Client) updateMsg(ctx context.Context, dek envelope.DataKey, ct *ciphertextFile, current ccdbtypes.RecordVersion) (*ccdbtypes.MsgUpdateRecord, []string, error) {
	id, version := current.RecordId, current.Version+1
	ownerCommitment, err := c.sealFor(ctx, dek, id, version, c.Account)
	if err != nil {
		return nil, nil, err
	}
	readers, err := c.recordGrantees(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	envs := make([]ccdbtypes.GranteeEnvelope, 0, len(readers))
	for _, r := range readers {
		commitment, err := c.sealFor(ctx, dek, id, version, r)
		if err != nil {
			return nil, nil, err
		}
		envs = append(envs, ccdbtypes.GranteeEnvelope{Grantee: r, Commitment: commitment})
	}
	return &ccdbtypes.MsgUpdateRecord{
		Owner: c.Account, RecordId: id, Cid: ct.cid.String(), CiphertextSha256: ct.sha256[:], Size_: uint64(ct.size),
		ContentType: current.ContentType, EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: ownerCommitment, Envelopes: envs,
	}, readers, nil
}
