package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

// trailEntry starts an audit-trail entry for the current block.
func trailEntry(b block, recordID uint64, kind types.TrailEventKind, actor string) types.TrailEntry {
	return types.TrailEntry{RecordId: recordID, Kind: kind, Actor: actor, Height: b.height, Time: b.time}
}

// appendTrail appends e to its record's trail under the next chain-wide
// sequence.
func (k Keeper) appendTrail(ctx context.Context, e types.TrailEntry) error {
	seq, err := issueID(ctx, k.LastTrailSequence)
	if err != nil {
		return err
	}
	e.Sequence = seq
	return k.Trail.Set(ctx, collections.Join(e.RecordId, e.Sequence), e)
}

// grantEndedEntry is the trail entry of g's ending on one record it covered.
func grantEndedEntry(b block, recordID uint64, g types.Grant) types.TrailEntry {
	e := trailEntry(b, recordID, types.EndedTrailKind(g.Status), endingActor(g))
	e.GrantId = g.Id
	e.EndedHeight = g.EndedHeight
	return e
}

// endingActor is who ended a grant: the owner revokes, the grantee's last
// read exhausts it, and the chain itself expires it or ends it on erasure.
func endingActor(g types.Grant) string {
	switch g.Status {
	case types.GRANT_STATUS_REVOKED:
		return g.Owner
	case types.GRANT_STATUS_EXHAUSTED:
		return g.Grantee
	}
	return ""
}
