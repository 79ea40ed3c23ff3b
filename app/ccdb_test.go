package app_test

import (
	"crypto/sha256"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/envelope"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// ccdbChain is a four-member consortium with Margaret, her nurse, her son and
// a stranger, each with a registered encryption key.
type ccdbChain struct {
	*apptest.Chain
	margaret, nurse, son, stranger apptest.Account
}

func newCCDBChain(t *testing.T) *ccdbChain {
	c := &ccdbChain{Chain: fourMembers(t, "margaret", "nurse", "son", "stranger")}
	c.margaret, c.nurse, c.son, c.stranger = c.Accounts[0], c.Accounts[1], c.Accounts[2], c.Accounts[3]
	for _, a := range c.Accounts {
		k, err := envelope.DeriveKey("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", a.Name, envelope.SuiteX25519)
		require.NoError(t, err)
		c.MustDeliver(a, &ccdbtypes.MsgRegisterEncryptionKey{Owner: a.Address.String(), PublicKey: k.Public().Bytes()})
	}
	return c
}

// envelopeCommitment stands for the SHA-256 of a sealed envelope.
func envelopeCommitment(label string) []byte {
	h := sha256.Sum256([]byte("envelope/" + label))
	return h[:]
}

// putRecordMsg describes an uploaded ciphertext, as the client would.
func putRecordMsg(t testing.TB, owner apptest.Account, label string, tags []string, envs ...ccdbtypes.GranteeEnvelope) *ccdbtypes.MsgPutRecord {
	data := []byte("ciphertext/" + label)
	mh, err := multihash.Sum(data, multihash.SHA2_256, -1)
	require.NoError(t, err)
	h := sha256.Sum256(data)
	return &ccdbtypes.MsgPutRecord{
		Owner: owner.Address.String(), Cid: cid.NewCidV1(cid.Raw, mh).String(), CiphertextSha256: h[:], Size_: uint64(len(data)),
		ContentType: "text/csv", Tags: tags, EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: envelopeCommitment(label + "/owner"), Envelopes: envs,
	}
}

// msgResponse decodes the first Msg response of a delivered tx into out.
func msgResponse(t *testing.T, res *abci.ExecTxResult, out proto.Message) {
	t.Helper()
	require.Zero(t, res.Code, res.Log)
	var data sdk.TxMsgData
	require.NoError(t, proto.Unmarshal(res.Data, &data))
	require.NotEmpty(t, data.MsgResponses)
	require.NoError(t, proto.Unmarshal(data.MsgResponses[0].Value, out))
}

// query runs a gRPC query through ABCI, as a client would.
func query(t *testing.T, c *apptest.Chain, method string, req, res proto.Message) {
	t.Helper()
	bz, err := proto.Marshal(req)
	require.NoError(t, err)
	out, err := c.App.Query(t.Context(), &abci.RequestQuery{Path: "/msec.ccdb.v1.Query/" + method, Data: bz})
	require.NoError(t, err)
	require.Zero(t, out.Code, out.Log)
	require.NoError(t, proto.Unmarshal(out.Value, res))
}

// refused requires a delivered tx to fail with want.
func refused(t *testing.T, res *abci.ExecTxResult, want error) {
	t.Helper()
	require.NotZero(t, res.Code, "tx should have been refused with %v", want)
	require.Equal(t, ccdbtypes.ModuleName, res.Codespace)
	require.Contains(t, res.Log, want.Error())
}

func (c *ccdbChain) put(t *testing.T, owner apptest.Account, label string, tags []string, envs ...ccdbtypes.GranteeEnvelope) uint64 {
	var out ccdbtypes.MsgPutRecordResponse
	msgResponse(t, c.Deliver(owner, putRecordMsg(t, owner, label, tags, envs...)), &out)
	return out.RecordId
}

func (c *ccdbChain) grant(t *testing.T, msg *ccdbtypes.MsgGrantAccess) uint64 {
	var out ccdbtypes.MsgGrantAccessResponse
	msgResponse(t, c.Deliver(c.margaret, msg), &out)
	return out.GrantId
}

func (c *ccdbChain) careGrant(grantee apptest.Account, recordID uint64, expiresIn time.Duration) *ccdbtypes.MsgGrantAccess {
	return &ccdbtypes.MsgGrantAccess{
		Owner: c.margaret.Address.String(), Grantee: grantee.Address.String(), Scope: ccdbtypes.GrantScope{RecordId: recordID},
		Purpose: "home care", PurposeCode: ccdbtypes.PURPOSE_CODE_CARE, ExpiresAt: c.Time.Add(expiresIn),
		Envelopes: []ccdbtypes.RecordEnvelope{{RecordId: recordID, Version: 1, Commitment: envelopeCommitment(grantee.Name)}},
	}
}

func readMsg(reader apptest.Account, recordID, grantID uint64, purpose ccdbtypes.PurposeCode) *ccdbtypes.MsgAccessRecord {
	return &ccdbtypes.MsgAccessRecord{Reader: reader.Address.String(), RecordId: recordID, GrantId: grantID, PurposeCode: purpose}
}

func (c *ccdbChain) grantStatus(t *testing.T, id uint64) ccdbtypes.GrantStatus {
	var res ccdbtypes.QueryGrantResponse
	query(t, c.Chain, "Grant", &ccdbtypes.QueryGrantRequest{GrantId: id}, &res)
	return res.Grant.Status
}

func TestMargaretStoryOnChain(t *testing.T) {
	c := newCCDBChain(t)
	record := c.put(t, c.margaret, "home-sensors-2026-01", []string{"home-sensors"})
	nurseGrant := c.grant(t, c.careGrant(c.nurse, record, 30*24*time.Hour))

	// The nurse reads: the receipt is on chain.
	var read ccdbtypes.MsgAccessRecordResponse
	res := c.Deliver(c.nurse, readMsg(c.nurse, record, nurseGrant, ccdbtypes.PURPOSE_CODE_CARE))
	msgResponse(t, res, &read)
	require.Equal(t, envelopeCommitment("nurse"), read.EnvelopeCommitment)
	_, err := apptest.Event(res, "msec.ccdb.v1.EventRecordAccessed")
	require.NoError(t, err)
	var receipts ccdbtypes.QueryReceiptsByRecordResponse
	query(t, c.Chain, "ReceiptsByRecord", &ccdbtypes.QueryReceiptsByRecordRequest{RecordId: record}, &receipts)
	require.Len(t, receipts.Receipts, 1)
	require.Equal(t, c.nurse.Address.String(), receipts.Receipts[0].Reader)
	var release ccdbtypes.QueryReleaseAuthorizationResponse
	query(t, c.Chain, "ReleaseAuthorization", &ccdbtypes.QueryReleaseAuthorizationRequest{RecordId: record, Account: c.nurse.Address.String()}, &release)
	require.True(t, release.Authorized, release.Reason)

	// A stranger cannot use the nurse's grant.
	refused(t, c.Deliver(c.stranger, readMsg(c.stranger, record, nurseGrant, ccdbtypes.PURPOSE_CODE_CARE)), ccdbtypes.ErrNotGrantee)

	// Margaret revokes the nurse, whose next read is refused.
	c.MustDeliver(c.margaret, &ccdbtypes.MsgRevokeAccess{Owner: c.margaret.Address.String(), GrantId: nurseGrant})
	refused(t, c.Deliver(c.nurse, readMsg(c.nurse, record, nurseGrant, ccdbtypes.PURPOSE_CODE_CARE)), ccdbtypes.ErrGrantRevoked)
	query(t, c.Chain, "ReleaseAuthorization", &ccdbtypes.QueryReleaseAuthorizationRequest{RecordId: record, Account: c.nurse.Address.String()}, &release)
	require.False(t, release.Authorized, "the revoked nurse's receipt releases nothing")

	// Her son requests access; she approves; he reads.
	var request ccdbtypes.MsgRequestAccessResponse
	msgResponse(t, c.Deliver(c.son, &ccdbtypes.MsgRequestAccess{
		Requester: c.son.Address.String(), Scope: ccdbtypes.GrantScope{RecordId: record},
		Purpose: "checking on mum", PurposeCode: ccdbtypes.PURPOSE_CODE_FAMILY, Duration: 7 * 24 * time.Hour,
	}), &request)
	var approved ccdbtypes.MsgApproveRequestResponse
	msgResponse(t, c.Deliver(c.margaret, &ccdbtypes.MsgApproveRequest{
		Owner: c.margaret.Address.String(), RequestId: request.RequestId,
		Envelopes: []ccdbtypes.RecordEnvelope{{RecordId: record, Version: 1, Commitment: envelopeCommitment("son")}},
	}), &approved)
	c.MustDeliver(c.son, readMsg(c.son, record, approved.GrantId, ccdbtypes.PURPOSE_CODE_FAMILY))

	// She erases the record; custodians attest until the quorum (3 of 4).
	c.MustDeliver(c.margaret, &ccdbtypes.MsgEraseRecord{Owner: c.margaret.Address.String(), RecordId: record})
	var erasure ccdbtypes.QueryErasureStatusResponse
	query(t, c.Chain, "ErasureStatus", &ccdbtypes.QueryErasureStatusRequest{RecordId: record}, &erasure)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASE_PENDING, erasure.Status)
	require.Equal(t, uint64(3), erasure.Required)
	refused(t, c.Deliver(c.son, readMsg(c.son, record, approved.GrantId, ccdbtypes.PURPOSE_CODE_FAMILY)), ccdbtypes.ErrRecordNotActive)
	refused(t, c.Deliver(c.stranger, &ccdbtypes.MsgAttestErasure{Custodian: c.stranger.Address.String(), RecordId: record}), ccdbtypes.ErrNotCustodian)
	for i, m := range c.Members[:3] {
		var attested ccdbtypes.MsgAttestErasureResponse
		msgResponse(t, c.Deliver(m.Account, &ccdbtypes.MsgAttestErasure{
			Custodian: m.Address.String(), RecordId: record, BlocksDeleted: 1, EnvelopesDeleted: 3,
		}), &attested)
		require.Equal(t, i == 2, attested.Erased, "attestation %d", i+1)
	}
	refused(t, c.Deliver(c.Members[0].Account, &ccdbtypes.MsgAttestErasure{Custodian: c.Members[0].Address.String(), RecordId: record}),
		ccdbtypes.ErrDuplicateAttest)
	query(t, c.Chain, "ErasureStatus", &ccdbtypes.QueryErasureStatusRequest{RecordId: record}, &erasure)
	require.Equal(t, ccdbtypes.RECORD_STATUS_ERASED, erasure.Status)
	require.Len(t, erasure.Attestations, 3)
	require.Equal(t, ccdbtypes.GRANT_STATUS_ENDED_BY_ERASURE, c.grantStatus(t, approved.GrantId))
	require.Equal(t, ccdbtypes.GRANT_STATUS_REVOKED, c.grantStatus(t, nurseGrant))

	// The audit trail shows all of it, in order.
	var trail ccdbtypes.QueryAuditTrailResponse
	query(t, c.Chain, "AuditTrail", &ccdbtypes.QueryAuditTrailRequest{RecordId: record}, &trail)
	var kinds []ccdbtypes.TrailEventKind
	for _, e := range trail.Entries {
		kinds = append(kinds, e.Kind)
	}
	require.Equal(t, []ccdbtypes.TrailEventKind{
		ccdbtypes.TRAIL_EVENT_KIND_RECORD_PUT,
		ccdbtypes.TRAIL_EVENT_KIND_GRANT_CREATED,
		ccdbtypes.TRAIL_EVENT_KIND_RECORD_ACCESSED,
		ccdbtypes.TRAIL_EVENT_KIND_GRANT_REVOKED,
		ccdbtypes.TRAIL_EVENT_KIND_ACCESS_REQUESTED,
		ccdbtypes.TRAIL_EVENT_KIND_GRANT_CREATED,
		ccdbtypes.TRAIL_EVENT_KIND_REQUEST_APPROVED,
		ccdbtypes.TRAIL_EVENT_KIND_RECORD_ACCESSED,
		ccdbtypes.TRAIL_EVENT_KIND_ERASURE_REQUESTED,
		ccdbtypes.TRAIL_EVENT_KIND_ERASURE_ATTESTED,
		ccdbtypes.TRAIL_EVENT_KIND_ERASURE_ATTESTED,
		ccdbtypes.TRAIL_EVENT_KIND_ERASURE_ATTESTED,
		ccdbtypes.TRAIL_EVENT_KIND_RECORD_ERASED,
		ccdbtypes.TRAIL_EVENT_KIND_GRANT_ENDED_BY_ERASURE,
	}, kinds)
	for i := 1; i < len(trail.Entries); i++ {
		require.Equal(t, trail.Entries[i-1].Sequence+1, trail.Entries[i].Sequence)
		require.GreaterOrEqual(t, trail.Entries[i].Height, trail.Entries[i-1].Height)
	}
}

func TestCCDBExpiryAndMaxUses(t *testing.T) {
	c := newCCDBChain(t)
	record := c.put(t, c.margaret, "export", nil)
	shortGrant := c.grant(t, c.careGrant(c.nurse, record, time.Minute))
	limited := c.careGrant(c.son, record, 24*time.Hour)
	limited.MaxUses = 2
	limitedGrant := c.grant(t, limited)

	c.MustDeliver(c.nurse, readMsg(c.nurse, record, shortGrant, ccdbtypes.PURPOSE_CODE_CARE))
	c.AdvancePast(time.Minute)
	require.Equal(t, ccdbtypes.GRANT_STATUS_EXPIRED, c.grantStatus(t, shortGrant), "EndBlock pruned the expired grant")
	refused(t, c.Deliver(c.nurse, readMsg(c.nurse, record, shortGrant, ccdbtypes.PURPOSE_CODE_CARE)), ccdbtypes.ErrGrantExpired)

	for i := 0; i < 2; i++ {
		c.MustDeliver(c.son, readMsg(c.son, record, limitedGrant, ccdbtypes.PURPOSE_CODE_CARE))
	}
	require.Equal(t, ccdbtypes.GRANT_STATUS_EXHAUSTED, c.grantStatus(t, limitedGrant))
	refused(t, c.Deliver(c.son, readMsg(c.son, record, limitedGrant, ccdbtypes.PURPOSE_CODE_CARE)), ccdbtypes.ErrGrantExhausted)
}

func TestCCDBTagGrantCoversLaterRecord(t *testing.T) {
	c := newCCDBChain(t)
	january := c.put(t, c.margaret, "january", []string{"home-sensors"})
	msg := c.careGrant(c.nurse, 0, 30*24*time.Hour)
	msg.Scope = ccdbtypes.GrantScope{Tag: "home-sensors"}
	msg.Envelopes = []ccdbtypes.RecordEnvelope{{RecordId: january, Version: 1, Commitment: envelopeCommitment("nurse/january")}}
	tagGrant := c.grant(t, msg)

	// February's record must carry the nurse's envelope, and is then hers to read.
	refused(t, c.Deliver(c.margaret, putRecordMsg(t, c.margaret, "february", []string{"home-sensors"})), ccdbtypes.ErrMissingEnvelope)
	february := c.put(t, c.margaret, "february", []string{"home-sensors"},
		ccdbtypes.GranteeEnvelope{Grantee: c.nurse.Address.String(), Commitment: envelopeCommitment("nurse/february")})
	var read ccdbtypes.MsgAccessRecordResponse
	msgResponse(t, c.Deliver(c.nurse, readMsg(c.nurse, february, tagGrant, ccdbtypes.PURPOSE_CODE_CARE)), &read)
	require.Equal(t, envelopeCommitment("nurse/february"), read.EnvelopeCommitment)

	var byRecord ccdbtypes.QueryGrantsByRecordResponse
	query(t, c.Chain, "GrantsByRecord", &ccdbtypes.QueryGrantsByRecordRequest{RecordId: february}, &byRecord)
	require.Len(t, byRecord.Grants, 1)
	require.Equal(t, tagGrant, byRecord.Grants[0].Id)
}

func TestCCDBReplayedTxRefused(t *testing.T) {
	c := newCCDBChain(t)
	record := c.put(t, c.margaret, "export", nil)
	grant := c.grant(t, c.careGrant(c.nurse, record, time.Hour))

	tx := c.Sign(c.nurse, readMsg(c.nurse, record, grant, ccdbtypes.PURPOSE_CODE_CARE))
	first := c.NextBlock(tx)
	require.Zero(t, first.TxResults[0].Code, first.TxResults[0].Log)
	replay := c.NextBlock(tx)
	require.Equal(t, sdkerrors.ErrWrongSequence.ABCICode(), replay.TxResults[0].Code, replay.TxResults[0].Log)
	require.Equal(t, sdkerrors.RootCodespace, replay.TxResults[0].Codespace)

	var receipts ccdbtypes.QueryReceiptsByReaderResponse
	query(t, c.Chain, "ReceiptsByReader", &ccdbtypes.QueryReceiptsByReaderRequest{Reader: c.nurse.Address.String()}, &receipts)
	require.Len(t, receipts.Receipts, 1, "the replay recorded no second read")
}

// The ccdb commands build (no flag clashes with the SDK's own flags, every
// positional argument names a field) and are where the docs say.
func TestCCDBCommandsBuild(t *testing.T) {
	c := fourMembers(t)
	opts := c.App.AutoCliOpts()
	opts.ClientCtx = client.Context{}.WithTxConfig(c.App.TxConfig()).WithInterfaceRegistry(c.App.InterfaceRegistry()).
		WithCodec(c.App.AppCodec())
	root := &cobra.Command{Use: "msecd"}
	require.NoError(t, opts.EnhanceRootCommand(root))
	for _, path := range [][]string{
		{"tx", "ccdb", "put-record"}, {"tx", "ccdb", "grant"}, {"tx", "ccdb", "access"}, {"tx", "ccdb", "attest-erasure"},
		{"query", "ccdb", "audit"}, {"query", "ccdb", "release"}, {"query", "ccdb", "receipts-by-time"},
	} {
		cmd, _, err := root.Find(path)
		require.NoError(t, err, "%v", path)
		require.Equal(t, path[len(path)-1], cmd.Name())
	}
}
