package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/x/ccdb/types"
)

func (q queryServer) EncryptionKey(ctx context.Context, req *types.QueryEncryptionKeyRequest) (*types.QueryEncryptionKeyResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	owner, err := q.address("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	key, err := q.k.CurrentEncryptionKey(ctx, owner)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryEncryptionKeyResponse{Key: key}, nil
}

func (q queryServer) EncryptionKeyHistory(ctx context.Context, req *types.QueryEncryptionKeyHistoryRequest) (*types.QueryEncryptionKeyHistoryResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	owner, err := q.address("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	keys, page, err := paginatePrefix(ctx, q.k.EncryptionKeys, owner, req.Pagination)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryEncryptionKeyHistoryResponse{Keys: keys, Pagination: page}, nil
}

func (q queryServer) Record(ctx context.Context, req *types.QueryRecordRequest) (*types.QueryRecordResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	r, err := q.k.GetRecord(ctx, req.RecordId)
	if err != nil {
		return nil, grpcError(err)
	}
	v, err := q.k.GetVersion(ctx, r.Id, r.Version)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryRecordResponse{Record: r, Current: v}, nil
}

func (q queryServer) NextRecordID(ctx context.Context, req *types.QueryNextRecordIDRequest) (*types.QueryNextRecordIDResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	last, err := q.k.LastRecordID.Peek(ctx)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryNextRecordIDResponse{RecordId: last + 1}, nil
}

func (q queryServer) RecordVersion(ctx context.Context, req *types.QueryRecordVersionRequest) (*types.QueryRecordVersionResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	v, err := q.k.GetVersion(ctx, req.RecordId, req.Version)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryRecordVersionResponse{Version: v}, nil
}

func (q queryServer) RecordVersions(ctx context.Context, req *types.QueryRecordVersionsRequest) (*types.QueryRecordVersionsResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	versions, page, err := paginatePrefix(ctx, q.k.Versions, req.RecordId, req.Pagination)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRecordVersionsResponse{Versions: versions, Pagination: page}, nil
}

func (q queryServer) RecordsByOwner(ctx context.Context, req *types.QueryRecordsByOwnerRequest) (*types.QueryRecordsByOwnerResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	owner, err := q.address("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	records, page, err := paginateIndex(ctx, q.k.RecordsByOwner, owner, req.Pagination, q.k.GetRecord)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRecordsByOwnerResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) RecordsByTag(ctx context.Context, req *types.QueryRecordsByTagRequest) (*types.QueryRecordsByTagResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	prefix := collections.TriplePrefix[string, sdk.AccAddress, uint64](req.Tag)
	if req.Owner != "" {
		owner, err := q.address("owner", req.Owner)
		if err != nil {
			return nil, err
		}
		prefix = collections.TripleSuperPrefix[string, sdk.AccAddress, uint64](req.Tag, owner)
	}
	if err := checkPage(req.Pagination); err != nil {
		return nil, pageError(err)
	}
	records, page, err := query.CollectionPaginate(ctx, q.k.RecordTags, req.Pagination,
		func(key collections.Triple[string, sdk.AccAddress, uint64], _ collections.NoValue) (types.Record, error) {
			return q.k.GetRecord(ctx, key.K3())
		},
		func(o *query.CollectionsPaginateOptions[collections.Triple[string, sdk.AccAddress, uint64]]) {
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryRecordsByTagResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) EnvelopeCommitment(ctx context.Context, req *types.QueryEnvelopeCommitmentRequest) (*types.QueryEnvelopeCommitmentResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	grantee, err := q.address("grantee", req.Grantee)
	if err != nil {
		return nil, err
	}
	env, err := q.k.Envelopes.Get(ctx, collections.Join3(req.RecordId, req.Version, grantee))
	if err != nil {
		return nil, grpcError(notFoundAs(err, types.ErrNoEnvelope))
	}
	return &types.QueryEnvelopeCommitmentResponse{Envelope: env}, nil
}
