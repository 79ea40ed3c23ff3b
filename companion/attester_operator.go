package companion

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// attestationGasAdjustment is generous: the attestation that completes the
// quorum also ends the record's grants, work its simulation (made before
// the others' attestations land) may not have seen.
const attestationGasAdjustment = 2.5

// OperatorKey says where the operator's signing key is.
type OperatorKey struct {
	Name           string
	KeyringBackend string
	// KeyringDir is the keyring's directory (for the test and file backends).
	KeyringDir string
	GasPrices  string
}

// operatorAttester signs attestations with the member's operator key.
type operatorAttester struct {
	address   string
	submitter *txsubmit.Submitter
}

// NewOperatorAttester opens the operator key and returns an attester that
// signs with it through clientCtx's node. Gas is simulated; fees follow
// key.GasPrices.
func NewOperatorAttester(clientCtx client.Context, chainID string, key OperatorKey, passwords io.Reader) (Attester, error) {
	kr, err := keyring.New(sdk.KeyringServiceName(), key.KeyringBackend, key.KeyringDir, passwords, clientCtx.Codec)
	if err != nil {
		return nil, fmt.Errorf("companion.operator_key: opening the %s keyring in %s: %w", key.KeyringBackend, filepath.Clean(key.KeyringDir), err)
	}
	rec, err := kr.Key(key.Name)
	if err != nil {
		return nil, fmt.Errorf("companion.operator_key %q: %w", key.Name, err)
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return nil, err
	}
	clientCtx = clientCtx.WithKeyring(kr).WithFromName(key.Name).WithFromAddress(addr).
		WithChainID(chainID).WithBroadcastMode(flags.BroadcastSync).WithSkipConfirmation(true)
	factory := tx.Factory{}.WithTxConfig(clientCtx.TxConfig).WithAccountRetriever(clientCtx.AccountRetriever).
		WithKeybase(kr).WithChainID(chainID).WithSimulateAndExecute(true).WithGasAdjustment(attestationGasAdjustment).
		WithGasPrices(key.GasPrices)
	return &operatorAttester{address: addr.String(), submitter: txsubmit.New(clientCtx, factory)}, nil
}

func (a *operatorAttester) Address() string { return a.address }

func (a *operatorAttester) Attest(ctx context.Context, msg *ccdbtypes.MsgAttestErasure) error {
	_, err := a.submitter.Submit(ctx, msg)
	return err
}
