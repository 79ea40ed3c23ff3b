package ccdbclient_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/ipfsnode"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

const testMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

// world is an in-process chain with one member ("city") whose node runs a
// companion service, and a ccdb client for each account.
type world struct {
	t       *testing.T
	chain   *apptest.Chain
	svc     *companion.Service
	url     string
	base    client.Context
	clients map[string]*ccdbclient.Client
	signers map[string]*ccdbclient.KeyringSigner
	repo    *ipfsnode.Repo
}

func newWorld(t *testing.T) *world {
	w := &world{t: t, clients: map[string]*ccdbclient.Client{}, signers: map[string]*ccdbclient.KeyringSigner{}}
	w.chain = apptest.NewChain(t, []string{"city"}, []string{"margaret", "nurse", "son", "stranger"})
	a := w.chain.App
	w.base = client.Context{}.WithCodec(a.AppCodec()).WithInterfaceRegistry(a.InterfaceRegistry()).
		WithTxConfig(a.TxConfig()).WithLegacyAmino(a.LegacyAmino()).WithAccountRetriever(authtypes.AccountRetriever{}).
		WithClient(w.chain.CometClient()).WithChainID(apptest.ChainID).WithBroadcastMode(flags.BroadcastSync).WithSkipConfirmation(true)
	a.RegisterTxService(w.base)

	var err error
	w.repo, err = ipfsnode.OpenRepo(context.Background(), t.TempDir(), 0)
	require.NoError(t, err)
	t.Cleanup(func() { w.repo.Close() })
	member := w.chain.Members[0]
	_, dir := w.keyring(member.Account, keyring.BackendTest)
	attester, err := companion.NewOperatorAttester(w.base, apptest.ChainID, companion.OperatorKey{
		Name: member.Name, KeyringBackend: keyring.BackendTest, KeyringDir: dir, GasPrices: "0.001umsec",
	}, nil)
	require.NoError(t, err)
	settings, err := companion.DefaultConfig().Parse()
	require.NoError(t, err)
	chain, err := companion.NewNodeChain(w.base)
	require.NoError(t, err)
	w.svc, err = companion.New(context.Background(), settings, companion.Deps{
		Chain: chain, Store: w.repo, Attester: attester, StateDir: t.TempDir(), Logger: log.NewTestLogger(t),
	})
	require.NoError(t, err)
	server := httptest.NewServer(w.svc.Handler())
	t.Cleanup(server.Close)
	w.url = server.URL
	for _, acc := range w.chain.Accounts {
		w.clients[acc.Name] = w.newClient(acc)
	}
	return w
}

// keyring holds acc's signing key, in a test keyring in a fresh directory.
func (w *world) keyring(acc apptest.Account, backend string) (keyring.Keyring, string) {
	dir := w.t.TempDir()
	kr, err := keyring.New(sdk.KeyringServiceName(), backend, dir, nil, w.base.Codec)
	require.NoError(w.t, err)
	require.NoError(w.t, kr.ImportPrivKeyHex(acc.Name, hex.EncodeToString(acc.Key.Bytes()), "secp256k1"))
	return kr, dir
}

// newClient is the client of acc: keyring signer, submitter, the city's
// companion service, an encryption key derived from the test mnemonic
// (registered on chain), and the chain's clock.
func (w *world) newClient(acc apptest.Account) *ccdbclient.Client {
	kr, _ := w.keyring(acc, keyring.BackendTest)
	clientCtx := w.base.WithKeyring(kr).WithFromName(acc.Name).WithFromAddress(acc.Address)
	factory := tx.Factory{}.WithTxConfig(clientCtx.TxConfig).WithAccountRetriever(clientCtx.AccountRetriever).
		WithChainID(apptest.ChainID).WithSimulateAndExecute(true).WithGasAdjustment(1.5).WithGasPrices("0.001umsec")
	signer, err := ccdbclient.NewKeyringSigner(kr, acc.Name)
	require.NoError(w.t, err)
	w.signers[acc.Name] = signer
	comp, err := ccdbclient.NewCompanion(w.url, signer)
	require.NoError(w.t, err)
	key, err := envelope.DeriveKey(testMnemonic, acc.Name, envelope.SuiteX25519)
	require.NoError(w.t, err)
	c, err := ccdbclient.New(ccdbclient.Config{
		ChainID: apptest.ChainID, Account: acc.Address.String(), Key: key,
		Query: ccdbtypes.NewQueryClient(clientCtx), Txs: txsubmit.New(clientCtx, factory), Companion: comp,
		TempDir: w.t.TempDir(), Now: func() time.Time { return w.chain.Time },
	})
	require.NoError(w.t, err)
	registered, err := c.RegisterKey(context.Background())
	require.NoError(w.t, err)
	require.True(w.t, registered)
	return c
}

func (w *world) address(name string) string { return w.clients[name].Account }

func (w *world) signer(name string) *ccdbclient.KeyringSigner { return w.signers[name] }

// get reads a record as name and returns the plaintext.
func (w *world) get(name string, id uint64, opts ccdbclient.GetOptions) ([]byte, ccdbclient.GetResult, error) {
	var out bytes.Buffer
	res, err := w.clients[name].Get(context.Background(), id, opts, &out)
	return out.Bytes(), res, err
}

func (w *world) sync() {
	w.t.Helper()
	require.NoError(w.t, w.svc.Sync(context.Background()))
}
