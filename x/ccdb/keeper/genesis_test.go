package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

// busyState builds a state with every kind of entry, including a pending
// trail fan-out.
func busyState(t *testing.T) (*fixture, uint64, uint64) {
	f, id, grantID := story(t)
	_, err := f.k.RegisterEncryptionKey(f.ctx, &types.MsgRegisterEncryptionKey{Owner: nurse, PublicKey: publicKey(t, "rotated", envelope.SuiteX25519)})
	require.NoError(t, err)
	_, err = f.k.AccessRecord(f.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	tagGrant := f.grant(t, f.tagGrantMsg(margaret, son, "home-sensors", types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment(son)}))
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: tagGrant}))
	_, err = f.k.RequestAccess(f.ctx, requestMsg(stranger, id))
	require.NoError(t, err)
	doomed := f.put(t, margaret, "doomed", nil)
	require.NoError(t, f.k.EraseRecord(f.ctx, &types.MsgEraseRecord{Owner: margaret, RecordId: doomed}))
	_, err = f.k.AttestErasure(f.ctx, attest(hospital, doomed))
	require.NoError(t, err)
	return f, id, grantID
}

func TestGenesisRoundTrip(t *testing.T) {
	f, id, grantID := busyState(t)
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(addressCodec))
	require.Len(t, exported.FanOuts, 1, "the revoked tag grant's fan-out is still pending")
	require.Len(t, exported.EncryptionKeys, 5)

	g := setup(t)
	g.ctx = g.ctx.WithBlockHeight(f.ctx.BlockHeight()).WithBlockTime(f.ctx.BlockTime())
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	// Derived indexes were rebuilt: the live grant still reads, the latest
	// receipt is found, and the nurse's current key is the rotated one.
	_, err = g.k.AccessRecord(g.ctx, readMsg(nurse, id, grantID))
	require.NoError(t, err)
	require.Equal(t, uint64(2), g.getGrant(t, grantID).Uses, "use counts were imported")
	entries := g.trail(t, id)
	require.Equal(t, types.TRAIL_EVENT_KIND_RECORD_ACCESSED, entries[len(entries)-1].Kind)
	for _, e := range exported.Trail {
		require.Less(t, e.Sequence, entries[len(entries)-1].Sequence, "trail sequences continue after the imported ones")
	}
	byGrantee, err := g.qs.GrantsByGrantee(g.ctx, &types.QueryGrantsByGranteeRequest{Grantee: nurse})
	require.NoError(t, err)
	require.Len(t, byGrantee.Grants, 1, "the grantee index was imported")
	latest, err := g.qs.LatestReceipt(g.ctx, &types.QueryLatestReceiptRequest{Reader: nurse, RecordId: id})
	require.NoError(t, err)
	require.Equal(t, uint64(2), latest.Receipt.Id, "IDs continue after the imported ones")
	key, err := g.qs.EncryptionKey(g.ctx, &types.QueryEncryptionKeyRequest{Owner: nurse})
	require.NoError(t, err)
	require.Equal(t, uint64(2), key.Key.Index)
	g.next(31 * 24 * time.Hour)
	g.endBlock(t)
	require.Equal(t, types.GRANT_STATUS_EXPIRED, g.getGrant(t, grantID).Status, "the expiry queue was rebuilt")
	trail := g.trailKinds(t, id)
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_REVOKED, trail[len(trail)-2], "the pending fan-out resumed")
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_EXPIRED, trail[len(trail)-1])
}

func TestDefaultGenesis(t *testing.T) {
	f := setup(t)
	require.NoError(t, f.k.InitGenesis(f.ctx, types.DefaultGenesis()))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}
