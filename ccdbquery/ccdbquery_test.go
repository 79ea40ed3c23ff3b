package ccdbquery_test

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/ccdbquery"
)

// pages serves ids 1..n newest first, in pages of the size asked, keyed by
// the next id to serve, as x/ccdb's lists page in reverse; it counts calls.
type pages struct {
	n     uint64
	calls int
}

func (p *pages) fetch(_ context.Context, req *query.PageRequest) ([]uint64, *query.PageResponse, error) {
	p.calls++
	if !req.Reverse {
		return nil, nil, errors.New("not asked newest first")
	}
	next := p.n
	if len(req.Key) > 0 {
		next = binary.BigEndian.Uint64(req.Key)
	}
	var items []uint64
	for ; next > 0 && uint64(len(items)) < req.Limit; next-- {
		items = append(items, next)
	}
	res := &query.PageResponse{}
	if next > 0 {
		res.NextKey = binary.BigEndian.AppendUint64(nil, next)
	}
	return items, res, nil
}

func TestFindNewestReadsOnlyThePagesItNeeds(t *testing.T) {
	ctx := context.Background()
	p := &pages{n: 1000}
	got, found, err := ccdbquery.FindNewest(ctx, p.fetch, func(id uint64) bool { return id%7 == 0 })
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, uint64(994), got, "the newest match")
	require.Equal(t, 1, p.calls)

	// A match past the first page is found on a later one.
	p = &pages{n: 1000}
	got, found, err = ccdbquery.FindNewest(ctx, p.fetch, func(id uint64) bool { return id == 250 })
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, uint64(250), got)
	require.Equal(t, 8, p.calls)

	// No match: every page is read once, and nothing is found.
	p = &pages{n: 1000}
	_, found, err = ccdbquery.FindNewest(ctx, p.fetch, func(uint64) bool { return false })
	require.NoError(t, err)
	require.False(t, found)
	require.Equal(t, 10, p.calls)

	// An error stops the search.
	broken := func(context.Context, *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		return nil, nil, errors.New("node down")
	}
	_, _, err = ccdbquery.FindNewest(ctx, broken, func(uint64) bool { return true })
	require.ErrorContains(t, err, "node down")
}
