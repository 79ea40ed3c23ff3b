package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/x/ccdb/types"
)

func (q queryServer) Grant(ctx context.Context, req *types.QueryGrantRequest) (*types.QueryGrantResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	g, err := q.k.GetGrant(ctx, req.GrantId)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryGrantResponse{Grant: g}, nil
}

// GrantsByRecord lists the record's coverage: its own grants and every
// tag-scoped grant that covered it, live or ended, in grant ID order.
func (q queryServer) GrantsByRecord(ctx context.Context, req *types.QueryGrantsByRecordRequest) (*types.QueryGrantsByRecordResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	grants, page, err := paginateIndex(ctx, q.k.RecordGrants, req.RecordId, req.Pagination, q.k.GetGrant)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryGrantsByRecordResponse{Grants: grants, Pagination: page}, nil
}

// LiveGrantees lists, once each, the grantees of the live grants covering a
// record, as of the block queried.
func (q queryServer) LiveGrantees(ctx context.Context, req *types.QueryLiveGranteesRequest) (*types.QueryLiveGranteesResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	r, err := q.k.GetRecord(ctx, req.RecordId)
	if err != nil {
		return nil, grpcError(err)
	}
	grants, err := q.k.liveGrantsCovering(ctx, r, blockOf(ctx).time)
	if err != nil {
		return nil, err
	}
	grantees := []string{}
	seen := make(map[string]bool, len(grants))
	for _, g := range grants {
		if !seen[g.Grantee] {
			seen[g.Grantee] = true
			grantees = append(grantees, g.Grantee)
		}
	}
	return &types.QueryLiveGranteesResponse{Grantees: grantees}, nil
}

// RecordsByGrant lists the records a grant has covered, in record ID order.
func (q queryServer) RecordsByGrant(ctx context.Context, req *types.QueryRecordsByGrantRequest) (*types.QueryRecordsByGrantResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	g, err := q.k.GetGrant(ctx, req.GrantId)
	if err != nil {
		return nil, grpcError(err)
	}
	var records []types.Record
	var page *query.PageResponse
	if g.Scope.IsTag() {
		records, page, err = paginateIndex(ctx, q.k.TagCoverage, g.Id, req.Pagination, q.k.GetRecord)
	} else {
		// A record-scoped grant covers its record: one RecordGrants key.
		records, page, err = paginateKeys(ctx, q.k.RecordGrants, collections.Join(g.Scope.RecordId, g.Id),
			collections.Pair[uint64, uint64].K1, req.Pagination, q.k.GetRecord)
	}
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRecordsByGrantResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) GrantsByOwner(ctx context.Context, req *types.QueryGrantsByOwnerRequest) (*types.QueryGrantsByOwnerResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	owner, err := q.address("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	grants, page, err := paginateIndex(ctx, q.k.GrantsByOwner, owner, req.Pagination, q.k.GetGrant)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryGrantsByOwnerResponse{Grants: grants, Pagination: page}, nil
}

func (q queryServer) GrantsByGrantee(ctx context.Context, req *types.QueryGrantsByGranteeRequest) (*types.QueryGrantsByGranteeResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	grantee, err := q.address("grantee", req.Grantee)
	if err != nil {
		return nil, err
	}
	grants, page, err := paginateIndex(ctx, q.k.GrantsByGrantee, grantee, req.Pagination, q.k.GetGrant)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryGrantsByGranteeResponse{Grants: grants, Pagination: page}, nil
}

func (q queryServer) Request(ctx context.Context, req *types.QueryRequestRequest) (*types.QueryRequestResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	r, err := q.k.GetRequest(ctx, req.RequestId)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryRequestResponse{Request: r}, nil
}

func (q queryServer) RequestsByOwner(ctx context.Context, req *types.QueryRequestsByOwnerRequest) (*types.QueryRequestsByOwnerResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	owner, err := q.address("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	requests, page, err := paginateIndex(ctx, q.k.RequestsByOwner, owner, req.Pagination, q.k.GetRequest)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRequestsByOwnerResponse{Requests: requests, Pagination: page}, nil
}

func (q queryServer) RequestsByRequester(ctx context.Context, req *types.QueryRequestsByRequesterRequest) (*types.QueryRequestsByRequesterResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	requester, err := q.address("requester", req.Requester)
	if err != nil {
		return nil, err
	}
	requests, page, err := paginateIndex(ctx, q.k.RequestsByRequester, requester, req.Pagination, q.k.GetRequest)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRequestsByRequesterResponse{Requests: requests, Pagination: page}, nil
}
