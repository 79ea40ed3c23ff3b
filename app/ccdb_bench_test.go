package app_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/envelope"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// BenchmarkDeliverBlock is the node's cost of one block of 20 transactions,
// one message each, by kind: what the ccdb messages cost beside a bank send
// without the network, mempool and other processes of `make bench-ccdb`.
// Signing is outside the timer. A bank send among the same accounts, as
// `make bench-ccdb` sends them, only updates balances the state tree has;
// a send to a new recipient also creates its account and balance, as every
// ccdb message creates keys.
func BenchmarkDeliverBlock(b *testing.B) {
	const senders = 20
	names := make([]string, senders)
	for i := range names {
		names[i] = fmt.Sprintf("owner%02d", i)
	}
	for _, kind := range []string{"bank send", "bank send, new recipient", "put", "grant", "access"} {
		b.Run(kind, func(b *testing.B) {
			// As msecd init sets up a node's stores.
			c := apptest.NewChainWith(b, []string{"city"}, names, apptest.Options{BaseApp: app.NodeStoreOptions()})
			records := make([]uint64, senders)
			grants := make([]uint64, senders)
			for i, a := range c.Accounts {
				k, err := envelope.DeriveKey("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", a.Name, envelope.SuiteX25519)
				require.NoError(b, err)
				c.MustDeliver(a, &ccdbtypes.MsgRegisterEncryptionKey{Owner: a.Address.String(), PublicKey: k.Public().Bytes()})
				records[i] = deliverResponse[ccdbtypes.MsgPutRecordResponse](b, c, a, benchPut(b, a, 0)).RecordId
			}
			for i, a := range c.Accounts {
				reader := c.Accounts[(i+1)%senders]
				grants[i] = deliverResponse[ccdbtypes.MsgGrantAccessResponse](b, c, a, benchGrant(c, a, reader, records[i])).GrantId
			}
			n := 0
			msgFor := func(i int, a apptest.Account) sdk.Msg {
				n++
				switch kind {
				case "put":
					return benchPut(b, a, n)
				case "grant":
					return benchGrant(c, a, c.Accounts[(i+1+n%(senders-1))%senders], records[i])
				case "bank send, new recipient":
					return banktypes.NewMsgSend(a.Address, apptest.NewAccount(fmt.Sprintf("recipient-%d", n)).Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
				case "access":
					owner := (i + senders - 1) % senders
					return readMsg(a, records[owner], grants[owner], ccdbtypes.PURPOSE_CODE_RESEARCH)
				}
				return banktypes.NewMsgSend(a.Address, c.Accounts[(i+1)%senders].Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
			}
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				txs := make([][]byte, senders)
				for i, a := range c.Accounts {
					txs[i] = c.Sign(a, msgFor(i, a))
				}
				b.StartTimer()
				res := c.NextBlock(txs...)
				for _, r := range res.TxResults {
					if r.Code != 0 {
						b.Fatalf("%s: %s", kind, r.Log)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*senders), "µs/tx")
		})
	}
}

func benchPut(t testing.TB, owner apptest.Account, n int) *ccdbtypes.MsgPutRecord {
	return putRecordMsg(t, owner, fmt.Sprintf("%s-%d", owner.Name, n), nil)
}

func benchGrant(c *apptest.Chain, owner, grantee apptest.Account, record uint64) *ccdbtypes.MsgGrantAccess {
	return &ccdbtypes.MsgGrantAccess{
		Owner: owner.Address.String(), Grantee: grantee.Address.String(), Scope: ccdbtypes.GrantScope{RecordId: record},
		Purpose: "load test", PurposeCode: ccdbtypes.PURPOSE_CODE_RESEARCH, ExpiresAt: c.Time.Add(300 * 24 * time.Hour),
		Envelopes: []ccdbtypes.RecordEnvelope{{RecordId: record, Version: 1, Commitment: envelopeCommitment(fmt.Sprint(c.Time.UnixNano(), grantee.Name))}},
	}
}

// deliverResponse commits msg signed by a and decodes its Msg response.
func deliverResponse[R any, PR interface {
	*R
	proto.Message
}](t testing.TB, c *apptest.Chain, a apptest.Account, msg sdk.Msg) *R {
	res := c.MustDeliver(a, msg)
	var data sdk.TxMsgData
	require.NoError(t, proto.Unmarshal(res.Data, &data))
	require.NotEmpty(t, data.MsgResponses)
	out := PR(new(R))
	require.NoError(t, proto.Unmarshal(data.MsgResponses[0].Value, out))
	return (*R)(out)
}
