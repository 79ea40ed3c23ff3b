// Package ccdbclient is the companion database client: what `msecd ccdb`
// does, as a library other programs can use. Content is encrypted and
// decrypted here, on the owner's or reader's machine; the companion service
// sees only ciphertext and sealed envelopes, and the chain only hashes,
// commitments, grants and receipts.
package ccdbclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// Submitter signs and commits transactions (txsubmit.Submitter).
type Submitter interface {
	Submit(ctx context.Context, msgs ...sdk.Msg) (txsubmit.Result, error)
}

// Config is what a Client works with.
type Config struct {
	ChainID string
	// Account is the caller's address; Key its encryption key (nil for
	// commands that seal or open nothing).
	Account string
	Key     *envelope.PrivateKey
	Query   ccdbtypes.QueryClient
	Txs     Submitter
	// Companion is the companion service uploads and downloads go to.
	Companion *Companion
	// TempDir holds ciphertext while it is checked (default os.TempDir()).
	TempDir string
	// Progress, when a terminal, shows transfers of large files.
	Progress io.Writer
	// Now is the clock grant expiries and liveness are computed with
	// (default time.Now; the chain judges by block time).
	Now func() time.Time
}

// Client acts for one account.
type Client struct {
	Config
}

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	switch {
	case cfg.ChainID == "":
		return nil, fmt.Errorf("%w: no chain ID", ErrBadInput)
	case cfg.Account == "":
		return nil, fmt.Errorf("%w: no account", ErrBadInput)
	case cfg.Query == nil || cfg.Txs == nil || cfg.Companion == nil:
		return nil, fmt.Errorf("%w: a query client, a submitter and a companion service are needed", ErrBadInput)
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Client{Config: cfg}, nil
}

// binding is what an envelope of (record, version) for recipient is sealed
// for (x/ccdb README, "Binding").
func (c *Client) binding(recordID, version uint64, recipient string) envelope.Binding {
	return envelope.Binding{ChainID: c.ChainID, RecordID: strconv.FormatUint(recordID, 10), Version: version, Recipient: recipient}
}

// requireKey returns the caller's encryption key after checking it is the
// one registered on chain.
func (c *Client) requireKey(ctx context.Context) (*envelope.PrivateKey, error) {
	if c.Key == nil {
		return nil, fmt.Errorf("%w: this command needs your encryption key (msecd ccdb keys init)", ErrNoEncryptionKey)
	}
	registered, err := c.registeredKey(ctx, c.Account)
	if err != nil {
		return nil, err
	}
	if !registered.Equal(c.Key.Public()) {
		return nil, fmt.Errorf("%w: your key file holds %s but %s is registered on chain; run msecd ccdb keys init again",
			ErrWrongKey, c.Key.Public(), registered)
	}
	return c.Key, nil
}

// registeredKey is an account's current encryption key on chain.
func (c *Client) registeredKey(ctx context.Context, account string) (*envelope.PublicKey, error) {
	res, err := c.Query.EncryptionKey(ctx, &ccdbtypes.QueryEncryptionKeyRequest{Owner: account})
	if status.Code(err) == codes.NotFound {
		return nil, fmt.Errorf("%w: %s has not registered an encryption key (msecd ccdb keys init)", ErrNoEncryptionKey, account)
	}
	if err != nil {
		return nil, queryError("encryption key of "+account, err)
	}
	return envelope.ParsePublicKey(res.Key.PublicKey)
}

// record fetches a record and its current version.
func (c *Client) record(ctx context.Context, id uint64) (*ccdbtypes.QueryRecordResponse, error) {
	return fetchRecord(ctx, c.Query, id)
}

func fetchRecord(ctx context.Context, q ccdbtypes.QueryClient, id uint64) (*ccdbtypes.QueryRecordResponse, error) {
	res, err := q.Record(ctx, &ccdbtypes.QueryRecordRequest{RecordId: id})
	if status.Code(err) == codes.NotFound {
		return nil, fmt.Errorf("%w: %d", ErrRecordNotFound, id)
	}
	if err != nil {
		return nil, queryError(fmt.Sprintf("record %d", id), err)
	}
	return res, nil
}

// ownedActiveRecord fetches a record the caller owns and that is active.
func (c *Client) ownedActiveRecord(ctx context.Context, id uint64) (*ccdbtypes.QueryRecordResponse, error) {
	res, err := c.record(ctx, id)
	if err != nil {
		return nil, err
	}
	if res.Record.Owner != c.Account {
		return nil, fmt.Errorf("%w: record %d belongs to %s", ErrNotOwner, id, res.Record.Owner)
	}
	if res.Record.Status != ccdbtypes.RECORD_STATUS_ACTIVE {
		return nil, fmt.Errorf("%w: record %d is %s", ErrNotActive, id, res.Record.Status)
	}
	return res, nil
}

// queryError keeps the node's message and drops the gRPC wrapping.
func queryError(what string, err error) error {
	if s, ok := status.FromError(err); ok {
		return fmt.Errorf("querying %s: %s", what, s.Message())
	}
	return fmt.Errorf("querying %s: %w", what, err)
}

// submitPlanned submits the messages plan returns, planning and signing
// again (up to maxAttempts) when the chain refuses them for losing a race
// with another transaction.
func (c *Client) submitPlanned(ctx context.Context, plan func() ([]sdk.Msg, error)) (txsubmit.Result, error) {
	for attempt := 1; ; attempt++ {
		msgs, err := plan()
		if err != nil {
			return txsubmit.Result{}, err
		}
		res, err := c.Txs.Submit(ctx, msgs...)
		if err != nil && isRetryable(err) && attempt < maxAttempts {
			continue
		}
		return res, err
	}
}

// isRetryable says whether a refusal comes from a race with another
// transaction (another put took the record ID, a grant started or ended
// meanwhile), so re-planning and signing again can succeed.
func isRetryable(err error) bool {
	var refusal *txsubmit.RefusalError
	if !errors.As(err, &refusal) {
		return false
	}
	for _, e := range []*errorsmod.Error{ccdbtypes.ErrRecordIDTaken, ccdbtypes.ErrMissingEnvelope, ccdbtypes.ErrUnexpectedEnvelope} {
		if txsubmit.IsError(err, e) {
			return true
		}
	}
	return false
}
