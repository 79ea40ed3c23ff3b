package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

// smallGenesis is one record of owner with one grant, one receipt and a
// trail entry.
func smallGenesis(t *testing.T) *types.GenesisState {
	key, err := envelope.DeriveKey("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "", envelope.SuiteX25519)
	require.NoError(t, err)
	owner, reader := seedAddress("owner"), seedAddress("reader")
	return &types.GenesisState{
		Params:         types.DefaultParams(),
		EncryptionKeys: []types.EncryptionKey{{Owner: owner, Index: 1, PublicKey: key.Public().Bytes(), Suite: 1}},
		Records:        []types.Record{{Id: 1, Owner: owner, Status: types.RECORD_STATUS_ACTIVE, Version: 1, Tags: []string{"t"}}},
		RecordVersions: []types.RecordVersion{{RecordId: 1, Version: 1}},
		EnvelopeCommitments: []types.EnvelopeCommitment{
			{RecordId: 1, Version: 1, Grantee: reader, Commitment: seed32("c"), GrantEpoch: 1},
		},
		Grants:       []types.Grant{{Id: 1, Owner: owner, Grantee: reader, Scope: types.GrantScope{RecordId: 1}, Status: types.GRANT_STATUS_ACTIVE}},
		Coverage:     []types.GrantCoverage{{GrantId: 1, RecordId: 1}},
		Receipts:     []types.Receipt{{Id: 1, Reader: reader, RecordId: 1, Version: 1, GrantId: 1}},
		Trail:        []types.TrailEntry{{RecordId: 1, Sequence: 1, Kind: types.TRAIL_EVENT_KIND_RECORD_PUT}},
		LastRecordId: 1, LastGrantId: 1, LastReceiptId: 1,
	}
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate(fuzzAddressCodec))
	require.NoError(t, smallGenesis(t).Validate(fuzzAddressCodec))
	cases := map[string]func(*types.GenesisState){
		"bad params":                func(gs *types.GenesisState) { gs.Params.MaxTags = 0 },
		"bad key":                   func(gs *types.GenesisState) { gs.EncryptionKeys[0].PublicKey = []byte{1} },
		"key listed twice":          func(gs *types.GenesisState) { gs.EncryptionKeys = append(gs.EncryptionKeys, gs.EncryptionKeys[0]) },
		"record beyond last ID":     func(gs *types.GenesisState) { gs.LastRecordId = 0 },
		"record listed twice":       func(gs *types.GenesisState) { gs.Records = append(gs.Records, gs.Records[0]) },
		"record without status":     func(gs *types.GenesisState) { gs.Records[0].Status = types.RECORD_STATUS_UNSPECIFIED },
		"record with a bad tag":     func(gs *types.GenesisState) { gs.Records[0].Tags = []string{"Bad"} },
		"version of no record":      func(gs *types.GenesisState) { gs.RecordVersions[0].RecordId = 2 },
		"version beyond current":    func(gs *types.GenesisState) { gs.RecordVersions[0].Version = 2 },
		"envelope of no version":    func(gs *types.GenesisState) { gs.EnvelopeCommitments[0].Version = 2 },
		"short envelope":            func(gs *types.GenesisState) { gs.EnvelopeCommitments[0].Commitment = []byte{1} },
		"grant of a missing record": func(gs *types.GenesisState) { gs.Grants[0].Scope.RecordId = 5 },
		"grant without status":      func(gs *types.GenesisState) { gs.Grants[0].Status = types.GRANT_STATUS_UNSPECIFIED },
		"grant beyond last ID":      func(gs *types.GenesisState) { gs.LastGrantId = 0 },
		"coverage of no grant":      func(gs *types.GenesisState) { gs.Coverage[0].GrantId = 3 },
		"fan-out of no grant":       func(gs *types.GenesisState) { gs.FanOuts = []types.TrailFanOut{{GrantId: 4}} },
		"receipt of no grant":       func(gs *types.GenesisState) { gs.Receipts[0].GrantId = 2 },
		"receipt beyond last ID":    func(gs *types.GenesisState) { gs.LastReceiptId = 0 },
		"request beyond last ID": func(gs *types.GenesisState) {
			gs.Requests = []types.AccessRequest{{Id: 1, Requester: gs.Grants[0].Grantee}}
		},
		"attestation of no record": func(gs *types.GenesisState) { gs.Attestations = []types.ErasureAttestation{{RecordId: 9}} },
		"trail entry twice":        func(gs *types.GenesisState) { gs.Trail = append(gs.Trail, gs.Trail[0]) },
		"trail entry 0":            func(gs *types.GenesisState) { gs.Trail[0].Sequence = 0 },
		"trail sequence reused by another record": func(gs *types.GenesisState) {
			gs.Records = append(gs.Records, types.Record{Id: 2, Owner: gs.Records[0].Owner, Status: types.RECORD_STATUS_ACTIVE, Version: 1})
			gs.LastRecordId = 2
			gs.Trail = append(gs.Trail, types.TrailEntry{RecordId: 2, Sequence: 1, Kind: types.TRAIL_EVENT_KIND_RECORD_PUT})
		},
		"coverage outside a record scope": func(gs *types.GenesisState) {
			gs.Records = append(gs.Records, types.Record{Id: 2, Owner: gs.Records[0].Owner, Status: types.RECORD_STATUS_ACTIVE, Version: 1})
			gs.LastRecordId = 2
			gs.Coverage[0].RecordId = 2
		},
		"receipt ID missing": func(gs *types.GenesisState) { gs.LastReceiptId = 2 },
		"receipts out of time order": func(gs *types.GenesisState) {
			later := gs.Receipts[0]
			later.Id = 2
			gs.Receipts[0].Time = later.Time.Add(time.Second)
			gs.Receipts = append(gs.Receipts, later)
			gs.LastReceiptId = 2
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			gs := smallGenesis(t)
			mutate(gs)
			require.Error(t, gs.Validate(fuzzAddressCodec))
		})
	}
}
