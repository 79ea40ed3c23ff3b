package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

// statuses returns the status of grants 1..n.
func (f *fixture) statuses(t *testing.T, n uint64) map[types.GrantStatus]int {
	t.Helper()
	out := map[types.GrantStatus]int{}
	for id := uint64(1); id <= n; id++ {
		out[f.getGrant(t, id).Status]++
	}
	return out
}

func TestExpiryPruningIsBounded(t *testing.T) {
	f := withKeys(t)
	f.setParams(t, func(p *types.Params) { p.MaxPrunePerBlock = 3 })
	id := f.put(t, margaret, "export", nil)
	for i := 0; i < 7; i++ {
		msg := f.grantMsg(margaret, nurse, id, 1)
		msg.ExpiresAt = f.ctx.BlockTime().Add(24 * time.Hour)
		f.grant(t, msg)
	}
	later := f.grant(t, f.grantMsg(margaret, son, id, 1)) // 30 days

	f.endBlock(t)
	require.Equal(t, map[types.GrantStatus]int{types.GRANT_STATUS_ACTIVE: 8}, f.statuses(t, 8), "nothing is due yet")

	f.next(24 * time.Hour) // exactly at expiry: expired
	for _, want := range []int{3, 6, 7, 7} {
		f.endBlock(t)
		require.Equal(t, want, f.statuses(t, 8)[types.GRANT_STATUS_EXPIRED])
	}
	require.Equal(t, types.GRANT_STATUS_ACTIVE, f.getGrant(t, later).Status)

	expired := 0
	for _, k := range f.trailKinds(t, id) {
		if k == types.TRAIL_EVENT_KIND_GRANT_EXPIRED {
			expired++
		}
	}
	require.Equal(t, 7, expired, "each expiry enters the trail, and is kept there")
	g := f.getGrant(t, 1)
	require.Equal(t, "home care", g.Purpose, "an expired grant stays for the audit")
	require.NotZero(t, g.EndedHeight)
	live, err := f.k.LiveRecordGrants.Has(f.ctx, pair(id, uint64(1)))
	require.NoError(t, err)
	require.False(t, live)
}

func TestTagGrantEndingFansOutWithinBudget(t *testing.T) {
	f := withKeys(t)
	f.setParams(t, func(p *types.Params) { p.MaxPrunePerBlock = 2 })
	var envs []types.RecordEnvelope
	var records []uint64
	for i := 0; i < 5; i++ {
		label := fmt.Sprintf("month-%d", i)
		id := f.put(t, margaret, label, []string{"home-sensors"})
		records = append(records, id)
		envs = append(envs, types.RecordEnvelope{RecordId: id, Version: 1, Commitment: commitment(label)})
	}
	grantID := f.grant(t, f.tagGrantMsg(margaret, nurse, "home-sensors", envs...))
	require.NoError(t, f.k.RevokeAccess(f.ctx, &types.MsgRevokeAccess{Owner: margaret, GrantId: grantID}))
	revokedAt := f.ctx.BlockHeight()

	lastKind := func(id uint64) types.TrailEventKind {
		kinds := f.trailKinds(t, id)
		return kinds[len(kinds)-1]
	}
	revokedTrails := func() int {
		n := 0
		for _, id := range records {
			if lastKind(id) == types.TRAIL_EVENT_KIND_GRANT_REVOKED {
				n++
			}
		}
		return n
	}
	for _, want := range []int{2, 4, 5} {
		f.endBlock(t)
		require.Equal(t, want, revokedTrails())
	}
	pending, err := f.k.TrailFanOut.Has(f.ctx, grantID)
	require.NoError(t, err)
	require.False(t, pending, "the fan-out is done")

	last := f.trail(t, records[4])[2]
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_REVOKED, last.Kind)
	require.Equal(t, revokedAt, last.EndedHeight, "the entry says when the grant really ended")
	require.Greater(t, last.Height, revokedAt)
	require.Equal(t, margaret, last.Actor)
}

func TestExpiryAndFanOutShareTheBudget(t *testing.T) {
	f := withKeys(t)
	f.setParams(t, func(p *types.Params) { p.MaxPrunePerBlock = 2 })
	a := f.put(t, margaret, "a", []string{"t"})
	b := f.put(t, margaret, "b", []string{"t"})
	msg := f.tagGrantMsg(margaret, nurse, "t",
		types.RecordEnvelope{RecordId: a, Version: 1, Commitment: commitment("a")},
		types.RecordEnvelope{RecordId: b, Version: 1, Commitment: commitment("b")})
	msg.ExpiresAt = f.ctx.BlockTime().Add(time.Hour)
	grantID := f.grant(t, msg)
	f.next(time.Hour)

	f.endBlock(t) // 1 expiry + 1 trail entry
	require.Equal(t, types.GRANT_STATUS_EXPIRED, f.getGrant(t, grantID).Status)
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_EXPIRED, f.trailKinds(t, a)[2])
	require.Len(t, f.trailKinds(t, b), 2, "record b waits for the next block")
	f.endBlock(t)
	require.Equal(t, types.TRAIL_EVENT_KIND_GRANT_EXPIRED, f.trailKinds(t, b)[2])
	entry := f.trail(t, b)[2]
	require.Empty(t, entry.Actor, "expiry is the chain's doing")
}
