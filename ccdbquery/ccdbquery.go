// Package ccdbquery reads whole lists from x/ccdb's paginated queries, for
// the companion service and the ccdb client alike.
package ccdbquery

import (
	"context"
	"slices"

	"github.com/cosmos/cosmos-sdk/types/query"

	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// pageLimit is the largest page x/ccdb serves.
const pageLimit = 1000

// All calls fetch with successive pages until the last one, and returns the
// items of every page in order.
func All[T any](ctx context.Context, fetch func(context.Context, *query.PageRequest) ([]T, *query.PageResponse, error)) ([]T, error) {
	var out []T
	var key []byte
	for {
		items, page, err := fetch(ctx, &query.PageRequest{Key: key, Limit: pageLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if page == nil || len(page.NextKey) == 0 {
			return out, nil
		}
		key = page.NextKey
	}
}

// searchPageLimit is the page FindNewest reads at a time: what it looks for
// is usually among the newest few items.
const searchPageLimit = 100

// FindNewest calls fetch with successive pages in reverse key order (newest
// first for lists keyed by ID) and returns the first item match accepts. It
// reads only the pages it needs: a list that grows for years (a reader's
// grants) costs what its newest items cost.
func FindNewest[T any](ctx context.Context, fetch func(context.Context, *query.PageRequest) ([]T, *query.PageResponse, error), match func(T) bool) (T, bool, error) {
	var zero T
	var key []byte
	for {
		items, page, err := fetch(ctx, &query.PageRequest{Key: key, Limit: searchPageLimit, Reverse: true})
		if err != nil {
			return zero, false, err
		}
		if i := slices.IndexFunc(items, match); i >= 0 {
			return items[i], true, nil
		}
		if page == nil || len(page.NextKey) == 0 {
			return zero, false, nil
		}
		key = page.NextKey
	}
}

// Versions lists every version of a record, oldest first.
func Versions(ctx context.Context, q ccdbtypes.QueryClient, recordID uint64) ([]ccdbtypes.RecordVersion, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.RecordVersion, *query.PageResponse, error) {
		res, err := q.RecordVersions(ctx, &ccdbtypes.QueryRecordVersionsRequest{RecordId: recordID, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Versions, res.Pagination, nil
	})
}

// GrantsByRecord lists every grant that has covered a record.
func GrantsByRecord(ctx context.Context, q ccdbtypes.QueryClient, recordID uint64) ([]ccdbtypes.Grant, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.Grant, *query.PageResponse, error) {
		res, err := q.GrantsByRecord(ctx, &ccdbtypes.QueryGrantsByRecordRequest{RecordId: recordID, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Grants, res.Pagination, nil
	})
}

// RecordsByGrant lists every record a grant has covered.
func RecordsByGrant(ctx context.Context, q ccdbtypes.QueryClient, grantID uint64) ([]ccdbtypes.Record, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.Record, *query.PageResponse, error) {
		res, err := q.RecordsByGrant(ctx, &ccdbtypes.QueryRecordsByGrantRequest{GrantId: grantID, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Records, res.Pagination, nil
	})
}

// GrantsByOwner lists the grants an owner made.
func GrantsByOwner(ctx context.Context, q ccdbtypes.QueryClient, owner string) ([]ccdbtypes.Grant, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.Grant, *query.PageResponse, error) {
		res, err := q.GrantsByOwner(ctx, &ccdbtypes.QueryGrantsByOwnerRequest{Owner: owner, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Grants, res.Pagination, nil
	})
}

// NewestGrantToGrantee is the newest grant made to grantee that match
// accepts, if any.
func NewestGrantToGrantee(ctx context.Context, q ccdbtypes.QueryClient, grantee string, match func(ccdbtypes.Grant) bool) (ccdbtypes.Grant, bool, error) {
	return FindNewest(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.Grant, *query.PageResponse, error) {
		res, err := q.GrantsByGrantee(ctx, &ccdbtypes.QueryGrantsByGranteeRequest{Grantee: grantee, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Grants, res.Pagination, nil
	}, match)
}

// RecordsByTag lists an owner's records carrying a tag.
func RecordsByTag(ctx context.Context, q ccdbtypes.QueryClient, owner, tag string) ([]ccdbtypes.Record, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.Record, *query.PageResponse, error) {
		res, err := q.RecordsByTag(ctx, &ccdbtypes.QueryRecordsByTagRequest{Tag: tag, Owner: owner, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Records, res.Pagination, nil
	})
}

// AuditTrail lists a record's audit trail in order.
func AuditTrail(ctx context.Context, q ccdbtypes.QueryClient, recordID uint64) ([]ccdbtypes.TrailEntry, error) {
	return All(ctx, func(ctx context.Context, p *query.PageRequest) ([]ccdbtypes.TrailEntry, *query.PageResponse, error) {
		res, err := q.AuditTrail(ctx, &ccdbtypes.QueryAuditTrailRequest{RecordId: recordID, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return res.Entries, res.Pagination, nil
	})
}
