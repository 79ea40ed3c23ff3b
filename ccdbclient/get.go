package ccdbclient

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/msec-city/msec/ccdbquery"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/termprogress"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// GetOptions choose what to read.
type GetOptions struct {
	// Version 0 is the current one.
	Version uint64
	// GrantID picks the grant to read under (readers); 0 picks a live one.
	GrantID uint64
}

// GetResult is what was read.
type GetResult struct {
	RecordID  uint64
	Version   uint64
	ReceiptID uint64
	GrantID   uint64
	Size      int64
}

// Get reads a record into dst. A reader first posts the read receipt
// (MsgAccessRecord) and waits for its block; the owner needs none. The
// envelope must match its commitment on chain, the ciphertext its CID, hash
// and size on chain; only then is it decrypted into dst. Decryption
// authenticates every segment, but dst may have received part of the
// plaintext when it fails: write into a temporary file and keep it only if
// Get returns nil.
func (c *Client) Get(ctx context.Context, recordID uint64, opts GetOptions, dst io.Writer) (GetResult, error) {
	key, err := c.requireKey(ctx)
	if err != nil {
		return GetResult{}, err
	}
	rec, err := c.record(ctx, recordID)
	if err != nil {
		return GetResult{}, err
	}
	if rec.Record.Status != ccdbtypes.RECORD_STATUS_ACTIVE {
		return GetResult{}, fmt.Errorf("%w: record %d is %s", ErrNotActive, recordID, rec.Record.Status)
	}
	out := GetResult{RecordID: recordID, Version: opts.Version}
	var commitment []byte
	var minHeight int64
	if rec.Record.Owner == c.Account {
		if out.Version == 0 {
			out.Version = rec.Record.Version
		}
		v, err := c.Query.RecordVersion(ctx, &ccdbtypes.QueryRecordVersionRequest{RecordId: recordID, Version: out.Version})
		if err != nil {
			return out, queryError(fmt.Sprintf("record %d version %d", recordID, out.Version), err)
		}
		commitment = v.Version.OwnerEnvelopeCommitment
	} else {
		grant, err := c.readerGrant(ctx, rec.Record, opts.GrantID)
		if err != nil {
			return out, err
		}
		res, err := c.Txs.Submit(ctx, &ccdbtypes.MsgAccessRecord{
			Reader: c.Account, RecordId: recordID, Version: opts.Version, GrantId: grant.Id, PurposeCode: grant.PurposeCode,
		})
		if err != nil {
			return out, err
		}
		var receipt ccdbtypes.MsgAccessRecordResponse
		if err := txsubmit.MsgResponse(res, 0, &receipt); err != nil {
			return out, err
		}
		out.GrantID, out.ReceiptID, out.Version = grant.Id, receipt.ReceiptId, receipt.Version
		commitment, minHeight = receipt.EnvelopeCommitment, res.Height
	}
	dek, err := c.openEnvelope(ctx, key, recordID, out.Version, commitment, minHeight)
	if err != nil {
		return out, err
	}
	ct, err := c.download(ctx, recordID, out.Version, minHeight)
	if err != nil {
		return out, err
	}
	defer ct.remove()
	out.Size = ct.size
	return out, decryptFile(ct, dek, dst)
}

// readerGrant is the grant the caller reads under: the one named, or the
// newest live grant of the caller that covers the record.
func (c *Client) readerGrant(ctx context.Context, r ccdbtypes.Record, grantID uint64) (ccdbtypes.Grant, error) {
	if grantID != 0 {
		res, err := c.Query.Grant(ctx, &ccdbtypes.QueryGrantRequest{GrantId: grantID})
		if err != nil {
			return ccdbtypes.Grant{}, queryError(fmt.Sprintf("grant %d", grantID), err)
		}
		// The chain checks grantee, status, expiry and scope, and refuses
		// with the reason; the receipt attempt itself is the check.
		return res.Grant, nil
	}
	now := c.Now()
	g, found, err := ccdbquery.NewestGrantToGrantee(ctx, c.Query, c.Account, func(g ccdbtypes.Grant) bool { return live(g, now) && covers(g, r) })
	if err != nil {
		return ccdbtypes.Grant{}, queryError("your grants", err)
	}
	if !found {
		return ccdbtypes.Grant{}, fmt.Errorf("%w: you (%s) have no live grant for record %d; ask its owner: msecd ccdb request %d --purpose ...",
			ErrNoGrant, c.Account, r.Id, r.Id)
	}
	return g, nil
}

// download fetches a record version's ciphertext and checks its CID, hash
// and size against the chain.
func (c *Client) download(ctx context.Context, recordID, version uint64, minHeight int64) (*ciphertextFile, error) {
	v, err := c.Query.RecordVersion(ctx, &ccdbtypes.QueryRecordVersionRequest{RecordId: recordID, Version: version})
	if err != nil {
		return nil, queryError(fmt.Sprintf("record %d version %d", recordID, version), err)
	}
	want := v.Version
	bar := termprogress.New(c.Progress, int64(want.Size_))
	ct, err := c.spool(ctx, func(w io.Writer) error {
		_, _, err := c.Companion.DownloadCiphertext(ctx, recordID, version, minHeight, bar.Writer(w))
		return err
	})
	bar.Finish()
	if err != nil {
		return nil, err
	}
	if ct.cid.String() != want.Cid || !bytes.Equal(ct.sha256[:], want.CiphertextSha256) || uint64(ct.size) != want.Size_ {
		ct.remove()
		return nil, fmt.Errorf("%w: downloaded %s (%d bytes, sha256 %x), the chain says %s (%d bytes, sha256 %x)",
			ErrIntegrity, ct.cid, ct.size, ct.sha256, want.Cid, want.Size_, want.CiphertextSha256)
	}
	return ct, nil
}

// openOwnVersion downloads and verifies one of the caller's own versions,
// with its data key.
func (c *Client) openOwnVersion(ctx context.Context, key *envelope.PrivateKey, v ccdbtypes.RecordVersion) (*ciphertextFile, envelope.DataKey, error) {
	dek, err := c.ownerDEK(ctx, key, v)
	if err != nil {
		return nil, dek, err
	}
	ct, err := c.download(ctx, v.RecordId, v.Version, 0)
	return ct, dek, err
}
