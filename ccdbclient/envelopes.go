package ccdbclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/msec-city/msec/envelope"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// sealFor seals dek for recipient's registered key, bound to (record,
// version, recipient), uploads the envelope and returns its commitment.
func (c *Client) sealFor(ctx context.Context, dek envelope.DataKey, recordID, version uint64, recipient string) ([]byte, error) {
	pk, err := c.registeredKey(ctx, recipient)
	if err != nil {
		return nil, err
	}
	env, err := envelope.Seal(pk, dek, c.binding(recordID, version, recipient))
	if err != nil {
		return nil, err
	}
	if _, err := c.Companion.UploadEnvelope(ctx, env); err != nil {
		return nil, fmt.Errorf("uploading the envelope for %s: %w", recipient, err)
	}
	commitment := envelope.Commitment(env)
	return commitment[:], nil
}

// openEnvelope downloads the caller's envelope of a record version,
// checks it against the commitment the chain holds and opens it.
func (c *Client) openEnvelope(ctx context.Context, key *envelope.PrivateKey, recordID, version uint64, commitment []byte, minHeight int64) (envelope.DataKey, error) {
	env, rel, err := c.Companion.DownloadEnvelope(ctx, recordID, version, minHeight)
	if err != nil {
		return envelope.DataKey{}, err
	}
	if rel.Version != 0 && rel.Version != version {
		return envelope.DataKey{}, fmt.Errorf("%w: the service released version %d, not %d", ErrIntegrity, rel.Version, version)
	}
	if got := envelope.Commitment(env); !bytes.Equal(got[:], commitment) {
		return envelope.DataKey{}, fmt.Errorf("%w: the envelope's SHA-256 %x is not the commitment on chain %x", ErrIntegrity, got, commitment)
	}
	dek, err := envelope.Open(key, env, c.binding(recordID, version, c.Account))
	switch {
	case errors.Is(err, envelope.ErrNotRecipient):
		return dek, fmt.Errorf("%w: the envelope of record %d version %d is sealed to another key of yours; ask the owner to grant again", ErrWrongKey, recordID, version)
	case err != nil:
		return dek, fmt.Errorf("%w: opening the envelope: %w", ErrIntegrity, err)
	}
	return dek, nil
}

// ownerDEK is the data key of one of the caller's own record versions,
// from the caller's own envelope.
func (c *Client) ownerDEK(ctx context.Context, key *envelope.PrivateKey, v ccdbtypes.RecordVersion) (envelope.DataKey, error) {
	return c.openEnvelope(ctx, key, v.RecordId, v.Version, v.OwnerEnvelopeCommitment, 0)
}
