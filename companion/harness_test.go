package companion

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/ipfsnode"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

const testMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

// harness is a companion service on a real in-process chain (one member,
// "city", whose operator key attests) and an offline IPFS repo. Blocks are
// made by the test; a transaction the service broadcasts is committed in a
// block of its own at once (apptest.Chain.CometClient).
type harness struct {
	t                              *testing.T
	chain                          *apptest.Chain
	repo                           *ipfsnode.Repo
	svc                            *Service
	url                            string
	city                           apptest.Member
	margaret, nurse, son, stranger apptest.Account
	keys                           map[string]*envelope.PrivateKey
}

func newHarness(t *testing.T, edit ...func(*Config)) *harness {
	h := &harness{t: t, keys: map[string]*envelope.PrivateKey{}}
	h.chain = apptest.NewChain(t, []string{"city"}, []string{"margaret", "nurse", "son", "stranger"})
	h.city = h.chain.Members[0]
	h.margaret, h.nurse, h.son, h.stranger = h.chain.Accounts[0], h.chain.Accounts[1], h.chain.Accounts[2], h.chain.Accounts[3]

	a := h.chain.App
	clientCtx := client.Context{}.WithCodec(a.AppCodec()).WithInterfaceRegistry(a.InterfaceRegistry()).
		WithTxConfig(a.TxConfig()).WithLegacyAmino(a.LegacyAmino()).WithAccountRetriever(authtypes.AccountRetriever{}).
		WithClient(h.chain.CometClient()).WithChainID(apptest.ChainID)
	a.RegisterTxService(clientCtx)

	for _, acc := range h.chain.Accounts {
		k, err := envelope.DeriveKey(testMnemonic, acc.Name, envelope.SuiteX25519)
		require.NoError(t, err)
		h.keys[acc.Address.String()] = k
		h.deliver(acc, &ccdbtypes.MsgRegisterEncryptionKey{Owner: acc.Address.String(), PublicKey: k.Public().Bytes()})
	}

	keyringDir := t.TempDir()
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, keyringDir, nil, a.AppCodec())
	require.NoError(t, err)
	require.NoError(t, kr.ImportPrivKeyHex("operator", hex.EncodeToString(h.city.Key.Bytes()), "secp256k1"))
	attester, err := NewOperatorAttester(clientCtx, apptest.ChainID,
		OperatorKey{Name: "operator", KeyringBackend: keyring.BackendTest, KeyringDir: keyringDir, GasPrices: "0.001umsec"}, nil)
	require.NoError(t, err)

	h.repo, err = ipfsnode.OpenRepo(context.Background(), t.TempDir(), 0)
	require.NoError(t, err)
	t.Cleanup(func() { h.repo.Close() })

	cfg := DefaultConfig()
	cfg.MaxUploadSize = "1MiB"
	cfg.MaxRequestBody = "4KiB"
	for _, e := range edit {
		e(&cfg)
	}
	settings, err := cfg.Parse()
	require.NoError(t, err)
	chain, err := NewNodeChain(clientCtx)
	require.NoError(t, err)
	h.svc, err = New(context.Background(), settings, Deps{
		Chain: chain, Store: h.repo, Attester: attester, StateDir: t.TempDir(), Logger: log.NewTestLogger(t),
	})
	require.NoError(t, err)
	t.Cleanup(func() { h.svc.Close() })
	server := httptest.NewServer(h.svc.Handler())
	t.Cleanup(server.Close)
	h.url = server.URL
	return h
}

// deliver commits msgs signed by a and returns the result.
func (h *harness) deliver(a apptest.Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	h.t.Helper()
	res := h.chain.NextBlock(h.chain.Sign(a, msgs...))
	require.Zero(h.t, res.TxResults[0].Code, res.TxResults[0].Log)
	return res.TxResults[0]
}

// sync runs a custodian pass.
func (h *harness) sync() {
	h.t.Helper()
	require.NoError(h.t, h.svc.Sync(context.Background()))
}

// advance commits empty blocks until chain time has moved past d.
func (h *harness) advance(d time.Duration) {
	end := h.chain.Time.Add(d)
	for !h.chain.Time.After(end) {
		h.chain.NextBlock()
	}
}

// companion is a client of the service signing as a.
func (h *harness) companion(a apptest.Account) *ccdbclient.Companion {
	h.t.Helper()
	c, err := ccdbclient.NewCompanion(h.url, requestauth.PrivKeySigner{Key: a.Key})
	require.NoError(h.t, err)
	return c
}

// stored is a record version as a client would upload it: ciphertext and
// the owner's envelope, under a fresh data key.
type stored struct {
	plaintext  []byte
	dek        envelope.DataKey
	ciphertext []byte
	cid        string
	sha256     [32]byte
	ownerEnv   []byte
}

// upload encrypts plaintext for record id and uploads ciphertext and the
// owner's envelope.
func (h *harness) upload(owner apptest.Account, id uint64, plaintext []byte) stored {
	h.t.Helper()
	s := stored{plaintext: plaintext, dek: envelope.NewDataKey()}
	var buf bytes.Buffer
	w, err := envelope.Encrypt(&buf, s.dek)
	require.NoError(h.t, err)
	_, err = w.Write(plaintext)
	require.NoError(h.t, err)
	require.NoError(h.t, w.Close())
	s.ciphertext, s.sha256 = buf.Bytes(), sha256.Sum256(buf.Bytes())
	c := h.companion(owner)
	up, err := c.UploadCiphertext(context.Background(), bytes.NewReader(s.ciphertext), int64(len(s.ciphertext)), s.sha256)
	require.NoError(h.t, err)
	require.Equal(h.t, hex.EncodeToString(s.sha256[:]), up.SHA256)
	s.cid = up.CID
	s.ownerEnv = h.seal(s.dek, id, 1, owner)
	_, err = c.UploadEnvelope(context.Background(), s.ownerEnv)
	require.NoError(h.t, err)
	return s
}

// seal seals dek for grantee's registered key.
func (h *harness) seal(dek envelope.DataKey, id, version uint64, grantee apptest.Account) []byte {
	h.t.Helper()
	env, err := envelope.Seal(h.keys[grantee.Address.String()].Public(), dek, h.binding(id, version, grantee))
	require.NoError(h.t, err)
	return env
}

func (h *harness) binding(id, version uint64, grantee apptest.Account) envelope.Binding {
	return envelope.Binding{ChainID: apptest.ChainID, RecordID: strconv.FormatUint(id, 10), Version: version, Recipient: grantee.Address.String()}
}

// put uploads and registers a record, tagged as given.
func (h *harness) put(owner apptest.Account, plaintext []byte, tags ...string) (uint64, stored) {
	h.t.Helper()
	next, err := ccdbtypes.NewQueryClient(h.svc.chain).NextRecordID(context.Background(), &ccdbtypes.QueryNextRecordIDRequest{})
	require.NoError(h.t, err)
	s := h.upload(owner, next.RecordId, plaintext)
	commitment := envelope.Commitment(s.ownerEnv)
	res := h.deliver(owner, &ccdbtypes.MsgPutRecord{
		Owner: owner.Address.String(), Cid: s.cid, CiphertextSha256: s.sha256[:], Size_: uint64(len(s.ciphertext)),
		Tags: tags, EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: commitment[:], RecordId: next.RecordId,
	})
	var out ccdbtypes.MsgPutRecordResponse
	msgResponse(h.t, res, &out)
	return out.RecordId, s
}

// grant uploads grantee's envelope and grants it read access for a day.
func (h *harness) grant(owner, grantee apptest.Account, id uint64, s stored, maxUses uint64) uint64 {
	h.t.Helper()
	env := h.seal(s.dek, id, 1, grantee)
	_, err := h.companion(owner).UploadEnvelope(context.Background(), env)
	require.NoError(h.t, err)
	commitment := envelope.Commitment(env)
	msg := grantMsg(h, owner, grantee, id, commitment[:])
	msg.MaxUses = maxUses
	return grantIDOf(h.t, h.deliver(owner, msg))
}

// read posts reader's read receipt and returns the block height.
func (h *harness) read(reader apptest.Account, id, grantID uint64) int64 {
	h.t.Helper()
	h.deliver(reader, &ccdbtypes.MsgAccessRecord{Reader: reader.Address.String(), RecordId: id, GrantId: grantID, PurposeCode: ccdbtypes.PURPOSE_CODE_CARE})
	return h.chain.Height
}

// pinReasons lists every pin reason in the repo.
func (h *harness) pinReasons() map[string]string {
	h.t.Helper()
	pins, err := h.repo.Pins(context.Background())
	require.NoError(h.t, err)
	out := map[string]string{}
	for _, p := range pins {
		for _, r := range p.Reasons {
			out[r] = p.Root.String()
		}
	}
	return out
}

func msgResponse(t *testing.T, res *abci.ExecTxResult, out interface{ Unmarshal([]byte) error }) {
	t.Helper()
	var data sdk.TxMsgData
	require.NoError(t, data.Unmarshal(res.Data))
	require.NotEmpty(t, data.MsgResponses)
	require.NoError(t, out.Unmarshal(data.MsgResponses[0].Value))
}

func revokeMsg(h *harness, grantID uint64) *ccdbtypes.MsgRevokeAccess {
	return &ccdbtypes.MsgRevokeAccess{Owner: h.margaret.Address.String(), GrantId: grantID}
}

func stateDirOf(s *Service) string { return s.state.dir }

// pinRetries is the custodian's whole retry queue.
func (h *harness) pinRetries() []pinRetry {
	h.t.Helper()
	retries, err := h.svc.state.pinRetries()
	require.NoError(h.t, err)
	return retries
}

func grantMsg(h *harness, owner, grantee apptest.Account, id uint64, commitment []byte) *ccdbtypes.MsgGrantAccess {
	return &ccdbtypes.MsgGrantAccess{
		Owner: owner.Address.String(), Grantee: grantee.Address.String(), Scope: ccdbtypes.GrantScope{RecordId: id},
		Purpose: "home care", PurposeCode: ccdbtypes.PURPOSE_CODE_CARE, ExpiresAt: h.chain.Time.Add(24 * time.Hour),
		Envelopes: []ccdbtypes.RecordEnvelope{{RecordId: id, Version: 1, Commitment: commitment}},
	}
}

func grantIDOf(t *testing.T, res *abci.ExecTxResult) uint64 {
	var out ccdbtypes.MsgGrantAccessResponse
	msgResponse(t, res, &out)
	return out.GrantId
}
