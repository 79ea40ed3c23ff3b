package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/x/ccdb/types"
)

// A client binds a new record's envelopes to NextRecordID; a put naming
// another ID (another put got there first) is refused and leaves nothing.
func TestPutRecordChecksTheBoundRecordID(t *testing.T) {
	f := withKeys(t)
	next, err := f.qs.NextRecordID(f.ctx, &types.QueryNextRecordIDRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(1), next.RecordId)

	msg := putMsg(t, margaret, "export", nil)
	msg.RecordId = next.RecordId
	id, err := f.k.PutRecord(f.ctx, msg)
	require.NoError(t, err)
	require.Equal(t, next.RecordId, id)

	stale := putMsg(t, margaret, "second", nil)
	stale.RecordId = next.RecordId
	_, err = f.k.PutRecord(f.ctx, stale)
	requireRefused(t, err, types.ErrRecordIDTaken)
	last, err := f.k.LastRecordID.Peek(f.ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), last, "a refused put issues no ID")

	next, err = f.qs.NextRecordID(f.ctx, &types.QueryNextRecordIDRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(2), next.RecordId)
	unchecked := putMsg(t, margaret, "third", nil)
	id, err = f.k.PutRecord(f.ctx, unchecked)
	require.NoError(t, err)
	require.Equal(t, uint64(2), id, "0 skips the check")
}
