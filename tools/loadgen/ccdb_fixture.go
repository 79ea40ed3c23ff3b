package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"

	"github.com/msec-city/msec/envelope"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// ccdbFixture is what the ccdb workloads act on: every sender owns a
// record and has granted the next sender unlimited reads of it.
type ccdbFixture struct {
	keys map[string]*envelope.PrivateKey
	// record[s] is the record sender s owns; reads[s] the record s reads,
	// under grant[s].
	record, reads, grant map[string]uint64
	// gas is the gas limit each message type is sent with.
	gas map[string]uint64
}

// setupCCDB registers every sender's encryption key, puts one record each
// and grants the next sender unlimited reads for 300 days, one step at a
// time, each step committed before the next.
func (e *environment) setupCCDB(ctx context.Context) (*ccdbFixture, error) {
	f := &ccdbFixture{keys: map[string]*envelope.PrivateKey{}, record: map[string]uint64{}, reads: map[string]uint64{},
		grant: map[string]uint64{}, gas: map[string]uint64{}}
	q := ccdbtypes.NewQueryClient(e.grpc)
	for _, s := range e.senders {
		key, err := envelope.DeriveKey(s.mnemonic, "", envelope.SuiteX25519)
		if err != nil {
			return nil, err
		}
		f.keys[s.name] = key
	}
	if err := e.eachSender(ctx, func(s *sender) (sdk.Msg, bool) {
		cur, err := q.EncryptionKey(ctx, &ccdbtypes.QueryEncryptionKeyRequest{Owner: s.address.String()})
		if err == nil && string(cur.Key.PublicKey) == string(f.keys[s.name].Public().Bytes()) {
			return nil, false
		}
		return &ccdbtypes.MsgRegisterEncryptionKey{Owner: s.address.String(), PublicKey: f.keys[s.name].Public().Bytes()}, true
	}, nil); err != nil {
		return nil, fmt.Errorf("registering encryption keys: %w", err)
	}
	if err := e.eachSender(ctx, func(s *sender) (sdk.Msg, bool) { return syntheticPut(s), true },
		func(s *sender, res []byte) error {
			var out ccdbtypes.MsgPutRecordResponse
			if err := proto.Unmarshal(res, &out); err != nil {
				return err
			}
			f.record[s.name] = out.RecordId
			return nil
		}); err != nil {
		return nil, fmt.Errorf("putting the fixture records: %w", err)
	}
	for i, s := range e.senders {
		reader := e.senders[(i+1)%len(e.senders)]
		f.reads[reader.name] = f.record[s.name]
	}
	if err := e.eachSender(ctx, func(s *sender) (sdk.Msg, bool) { return f.grantMsg(e, s), true },
		func(s *sender, res []byte) error {
			var out ccdbtypes.MsgGrantAccessResponse
			if err := proto.Unmarshal(res, &out); err != nil {
				return err
			}
			f.grant[e.next(s).name] = out.GrantId
			return nil
		}); err != nil {
		return nil, fmt.Errorf("granting the fixture reads: %w", err)
	}
	owner, reader := e.senders[0], e.next(e.senders[0])
	for _, m := range []struct {
		name   string
		signer *sender
		msg    sdk.Msg
	}{
		{"put", owner, syntheticPut(owner)}, {"grant", owner, f.grantMsg(e, owner)}, {"access", reader, f.readMsg(reader)},
	} {
		gas, err := e.simulate(ctx, m.signer, m.msg)
		if err != nil {
			return nil, fmt.Errorf("simulating a %s: %w", m.name, err)
		}
		f.gas[m.name] = gas * 13 / 10
	}
	return f, nil
}

func (e *environment) next(s *sender) *sender {
	for i, o := range e.senders {
		if o == s {
			return e.senders[(i+1)%len(e.senders)]
		}
	}
	return s
}

// syntheticPut registers a record for ciphertext nobody uploaded: the chain
// checks only the form of CIDs, hashes and commitments, and the workload
// measures the chain.
func syntheticPut(s *sender) *ccdbtypes.MsgPutRecord {
	return &ccdbtypes.MsgPutRecord{
		Owner: s.address.String(), Cid: randomCID(), CiphertextSha256: random32(), Size_: 4096,
		ContentType: "text/csv", EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM,
		OwnerEnvelopeCommitment: random32(),
	}
}

func (f *ccdbFixture) grantMsg(e *environment, s *sender) *ccdbtypes.MsgGrantAccess {
	id := f.record[s.name]
	return &ccdbtypes.MsgGrantAccess{
		Owner: s.address.String(), Grantee: e.next(s).address.String(), Scope: ccdbtypes.GrantScope{RecordId: id},
		Purpose: "load test", PurposeCode: ccdbtypes.PURPOSE_CODE_RESEARCH, ExpiresAt: time.Now().Add(300 * 24 * time.Hour),
		Envelopes: []ccdbtypes.RecordEnvelope{{RecordId: id, Version: 1, Commitment: random32()}},
	}
}

func (f *ccdbFixture) readMsg(s *sender) *ccdbtypes.MsgAccessRecord {
	return &ccdbtypes.MsgAccessRecord{Reader: s.address.String(), RecordId: f.reads[s.name], GrantId: f.grant[s.name],
		PurposeCode: ccdbtypes.PURPOSE_CODE_RESEARCH}
}

// Message factories for runLoad.
func (f *ccdbFixture) putFactory() msgFactory {
	return func(s *sender, _ int) (sdk.Msg, uint64) { return syntheticPut(s), f.gas["put"] }
}

func (f *ccdbFixture) grantFactory(e *environment) msgFactory {
	return func(s *sender, _ int) (sdk.Msg, uint64) { return f.grantMsg(e, s), f.gas["grant"] }
}

func (f *ccdbFixture) accessFactory() msgFactory {
	return func(s *sender, _ int) (sdk.Msg, uint64) { return f.readMsg(s), f.gas["access"] }
}

// simulate returns the gas msgs use, at the sender's current sequence.
func (e *environment) simulate(ctx context.Context, s *sender, msgs ...sdk.Msg) (uint64, error) {
	if err := e.refreshAccount(s); err != nil {
		return 0, err
	}
	tx, err := e.sign(s, 50_000_000, msgs...)
	if err != nil {
		return 0, err
	}
	res, err := txtypes.NewServiceClient(e.grpc).Simulate(ctx, &txtypes.SimulateRequest{TxBytes: tx})
	if err != nil {
		return 0, err
	}
	return res.GasInfo.GasUsed, nil
}

func randomCID() string {
	mh, err := multihash.Sum(random32(), multihash.SHA2_256, -1)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

func random32() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}

func txHash(tx []byte) string {
	h := sha256.Sum256(tx)
	return hex.EncodeToString(h[:])
}
