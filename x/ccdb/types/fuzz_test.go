package types_test

import (
	"errors"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/ipfs/go-cid"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/msec-city/msec/x/ccdb/types"
)

// Run with
//
//	go test ./x/ccdb/types -run '^$' -fuzz '^FuzzValidateMsg$' -fuzztime 60s
//
// Seeds live in testdata/fuzz/FuzzValidateMsg (see fuzz_corpus_test.go).

var fuzzAddressCodec = address.NewBech32Codec("msec")

// fuzzMsgs are the module's Msgs; a fuzz input's kind picks one.
var fuzzMsgs = []func() types.Validator{
	func() types.Validator { return &types.MsgRegisterEncryptionKey{} },
	func() types.Validator { return &types.MsgPutRecord{} },
	func() types.Validator { return &types.MsgUpdateRecord{} },
	func() types.Validator { return &types.MsgEraseRecord{} },
	func() types.Validator { return &types.MsgGrantAccess{} },
	func() types.Validator { return &types.MsgRevokeAccess{} },
	func() types.Validator { return &types.MsgRequestAccess{} },
	func() types.Validator { return &types.MsgApproveRequest{} },
	func() types.Validator { return &types.MsgRejectRequest{} },
	func() types.Validator { return &types.MsgAccessRecord{} },
	func() types.Validator { return &types.MsgAttestErasure{} },
	func() types.Validator { return &types.MsgUpdateParams{} },
}

// moduleErrors are the errors a refusal may wrap: every refusal names the
// check that failed with one of them.
var moduleErrors = []error{
	types.ErrInvalidAddress, types.ErrInvalidPublicKey, types.ErrInvalidCID, types.ErrInvalidHash,
	types.ErrInvalidCommitment, types.ErrInvalidSize, types.ErrInvalidContentType, types.ErrInvalidTag,
	types.ErrTooManyTags, types.ErrInvalidSuite, types.ErrRecordNotFound, types.ErrInvalidScope,
	types.ErrInvalidPurpose, types.ErrInvalidExpiry, types.ErrSelfGrant, types.ErrGrantNotFound,
	types.ErrUnexpectedEnvelope, types.ErrDuplicateEnvelope, types.ErrTooManyEnvelopes, types.ErrRequestNotFound,
	types.ErrInvalidDuration, types.ErrVersionNotFound, types.ErrInvalidParams, types.ErrInvalidText,
}

func FuzzValidateMsg(f *testing.F) {
	p := types.DefaultParams()
	f.Fuzz(func(t *testing.T, kind byte, data []byte) {
		msg := fuzzMsgs[int(kind)%len(fuzzMsgs)]()
		if err := proto.Unmarshal(data, msg.(proto.Message)); err != nil {
			return
		}
		err := msg.Validate(fuzzAddressCodec, p)
		if err != nil {
			if space, _, _ := errorsmod.ABCIInfo(err, false); space != types.ModuleName {
				t.Fatalf("%T refused with codespace %q: %v", msg, space, err)
			}
			for _, known := range moduleErrors {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("%T refused with an unregistered error: %v", msg, err)
		}
		checkAccepted(t, msg)
	})
}

// checkAccepted re-checks, independently of Validate, what an accepted
// message guarantees the keeper.
func checkAccepted(t *testing.T, msg types.Validator) {
	switch m := msg.(type) {
	case *types.MsgPutRecord:
		checkContent(t, m.Cid, m.CiphertextSha256, m.OwnerEnvelopeCommitment, m.Size_)
		if len(m.Tags) > int(types.DefaultMaxTags) {
			t.Fatalf("accepted %d tags", len(m.Tags))
		}
	case *types.MsgUpdateRecord:
		checkContent(t, m.Cid, m.CiphertextSha256, m.OwnerEnvelopeCommitment, m.Size_)
	case *types.MsgGrantAccess:
		if m.Owner == m.Grantee || (m.Scope.RecordId == 0) == (m.Scope.Tag == "") {
			t.Fatalf("accepted a self grant or an ambiguous scope: %+v", m)
		}
		if m.ExpiresAt.IsZero() || m.PurposeCode == types.PURPOSE_CODE_UNSPECIFIED {
			t.Fatalf("accepted a grant without expiry or purpose: %+v", m)
		}
		for _, e := range m.Envelopes {
			if len(e.Commitment) != types.CommitmentSize || e.Version == 0 {
				t.Fatalf("accepted envelope %+v", e)
			}
		}
	case *types.MsgRequestAccess:
		if m.Duration <= 0 || m.Requester == m.Owner {
			t.Fatalf("accepted request %+v", m)
		}
	case *types.MsgAccessRecord:
		if m.RecordId == 0 || m.GrantId == 0 {
			t.Fatalf("accepted read %+v", m)
		}
	}
}

func checkContent(t *testing.T, c string, hash, commitment []byte, size uint64) {
	parsed, err := cid.Decode(c)
	if err != nil || parsed.Version() != 1 || parsed.String() != c {
		t.Fatalf("accepted CID %q (%v)", c, err)
	}
	if len(hash) != 32 || len(commitment) != 32 || size == 0 {
		t.Fatalf("accepted hash %x, commitment %x, size %d", hash, commitment, size)
	}
}
