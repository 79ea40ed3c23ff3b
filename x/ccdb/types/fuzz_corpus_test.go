package types_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

// The committed seed corpus holds one valid message of each kind and a few
// near misses. TestFuzzSeedCorpus checks the valid seeds still validate.
// Regenerate with
//
//	go test ./x/ccdb/types -run TestFuzzSeedCorpus -update-fuzz-corpus
var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpus under testdata/fuzz")

const corpusDir = "testdata/fuzz/FuzzValidateMsg"

func seedAddress(name string) string {
	h := sha256.Sum256([]byte(name))
	s, err := fuzzAddressCodec.BytesToString(h[:20])
	if err != nil {
		panic(err)
	}
	return s
}

func seed32(label string) []byte {
	h := sha256.Sum256([]byte(label))
	return h[:]
}

// seeds returns the seed messages by name; names starting with "valid-"
// must pass validation.
func seeds(t *testing.T) map[string]proto.Message {
	key, err := envelope.DeriveKey("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "", envelope.SuiteX25519)
	require.NoError(t, err)
	mh, err := multihash.Sum([]byte("ciphertext"), multihash.SHA2_256, -1)
	require.NoError(t, err)
	c := cid.NewCidV1(cid.Raw, mh).String()
	owner, reader := seedAddress("owner"), seedAddress("reader")
	expiry := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	put := &types.MsgPutRecord{Owner: owner, Cid: c, CiphertextSha256: seed32("hash"), Size_: 1024,
		ContentType: "application/json", Tags: []string{"home-sensors"}, EncryptionSuite: types.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: seed32("owner"), Envelopes: []types.GranteeEnvelope{{Grantee: reader, Commitment: seed32("reader")}}}
	grant := &types.MsgGrantAccess{Owner: owner, Grantee: reader, Scope: types.GrantScope{RecordId: 1}, Purpose: "home care",
		PurposeCode: types.PURPOSE_CODE_CARE, ExpiresAt: expiry, MaxUses: 3,
		Envelopes: []types.RecordEnvelope{{RecordId: 1, Version: 1, Commitment: seed32("reader")}}}
	selfGrant := *grant
	selfGrant.Grantee = owner
	cidV0 := *put
	cidV0.Cid = cid.NewCidV0(mh).String()
	return map[string]proto.Message{
		"valid-register-key": &types.MsgRegisterEncryptionKey{Owner: owner, PublicKey: key.Public().Bytes()},
		"valid-put":          put,
		"valid-update": &types.MsgUpdateRecord{Owner: owner, RecordId: 1, Cid: c, CiphertextSha256: seed32("hash2"), Size_: 2048,
			EncryptionSuite: types.ENCRYPTION_SUITE_STREAM_V1_CHACHA20POLY1305, OwnerEnvelopeCommitment: seed32("owner2")},
		"valid-erase":     &types.MsgEraseRecord{Owner: owner, RecordId: 1},
		"valid-grant":     grant,
		"valid-tag-grant": &types.MsgGrantAccess{Owner: owner, Grantee: reader, Scope: types.GrantScope{Tag: "home-sensors"}, Purpose: "research", PurposeCode: types.PURPOSE_CODE_RESEARCH, ExpiresAt: expiry},
		"valid-revoke":    &types.MsgRevokeAccess{Owner: owner, GrantId: 1},
		"valid-request":   &types.MsgRequestAccess{Requester: reader, Owner: owner, Scope: types.GrantScope{Tag: "home-sensors"}, Purpose: "family", PurposeCode: types.PURPOSE_CODE_FAMILY, Duration: 24 * time.Hour},
		"valid-approve":   &types.MsgApproveRequest{Owner: owner, RequestId: 1, Envelopes: grant.Envelopes},
		"valid-reject":    &types.MsgRejectRequest{Owner: owner, RequestId: 1, Reason: "not now"},
		"valid-access":    &types.MsgAccessRecord{Reader: reader, RecordId: 1, GrantId: 1, PurposeCode: types.PURPOSE_CODE_CARE},
		"valid-attest":    &types.MsgAttestErasure{Custodian: owner, RecordId: 1, BlocksDeleted: 4, Statement: "gc done"},
		"valid-params":    &types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()},
		"self-grant":      &selfGrant,
		"cidv0-put":       &cidV0,
	}
}

// seedKind is the fuzz kind byte that decodes into msg's type.
func seedKind(t *testing.T, msg proto.Message) byte {
	for i, newMsg := range fuzzMsgs {
		if fmt.Sprintf("%T", newMsg()) == fmt.Sprintf("%T", msg) {
			return byte(i)
		}
	}
	t.Fatalf("no fuzz kind for %T", msg)
	return 0
}

func TestFuzzSeedCorpus(t *testing.T) {
	p := types.DefaultParams()
	for name, msg := range seeds(t) {
		data, err := proto.Marshal(msg)
		require.NoError(t, err)
		want := fmt.Sprintf("go test fuzz v1\nbyte(%q)\n[]byte(%q)\n", seedKind(t, msg), data)
		path := filepath.Join(corpusDir, name)
		if *updateFuzzCorpus {
			require.NoError(t, os.MkdirAll(corpusDir, 0o755))
			require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "seed %s missing: run with -update-fuzz-corpus", name)
		require.Equal(t, want, string(got), "seed %s is stale: run with -update-fuzz-corpus", name)
		err = msg.(types.Validator).Validate(fuzzAddressCodec, p)
		if strings.HasPrefix(name, "valid-") {
			require.NoError(t, err, name)
		} else {
			require.Error(t, err, name)
		}
	}
}
