package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	"github.com/msec-city/msec/x/ccdb/types"
)

func (q queryServer) Receipt(ctx context.Context, req *types.QueryReceiptRequest) (*types.QueryReceiptResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	r, err := q.k.GetReceipt(ctx, req.ReceiptId)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryReceiptResponse{Receipt: r}, nil
}

func (q queryServer) ReceiptsByRecord(ctx context.Context, req *types.QueryReceiptsByRecordRequest) (*types.QueryReceiptsByRecordResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	receipts, page, err := paginateIndex(ctx, q.k.Receipts.Indexes.ByRecord, req.RecordId, req.Pagination, q.k.GetReceipt)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryReceiptsByRecordResponse{Receipts: receipts, Pagination: page}, nil
}

func (q queryServer) ReceiptsByReader(ctx context.Context, req *types.QueryReceiptsByReaderRequest) (*types.QueryReceiptsByReaderResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	reader, err := q.address("reader", req.Reader)
	if err != nil {
		return nil, err
	}
	receipts, page, err := paginateIndex(ctx, q.k.Receipts.Indexes.ByReader, reader, req.Pagination, q.k.GetReceipt)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryReceiptsByReaderResponse{Receipts: receipts, Pagination: page}, nil
}

func (q queryServer) ReceiptsByGrant(ctx context.Context, req *types.QueryReceiptsByGrantRequest) (*types.QueryReceiptsByGrantResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	receipts, page, err := paginateIndex(ctx, q.k.Receipts.Indexes.ByGrant, req.GrantId, req.Pagination, q.k.GetReceipt)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryReceiptsByGrantResponse{Receipts: receipts, Pagination: page}, nil
}

// ReceiptsByTime lists receipts with start_time <= block time < end_time, in
// time order.
func (q queryServer) ReceiptsByTime(ctx context.Context, req *types.QueryReceiptsByTimeRequest) (*types.QueryReceiptsByTimeResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if !req.EndTime.After(req.StartTime) {
		return nil, status.Error(codes.InvalidArgument, "end_time must be after start_time")
	}
	// Receipt IDs start at 1, so (t, 0) sorts before every receipt at t.
	start := collections.Join(timeKey(req.StartTime), uint64(0))
	end := collections.Join(timeKey(req.EndTime), uint64(0))
	receipts, page, err := paginateRange(ctx, q.k.Receipts.Indexes.ByTime, start, end, req.Pagination,
		func(key collections.Pair[int64, uint64]) (types.Receipt, error) { return q.k.GetReceipt(ctx, key.K2()) })
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryReceiptsByTimeResponse{Receipts: receipts, Pagination: page}, nil
}

func (q queryServer) LatestReceipt(ctx context.Context, req *types.QueryLatestReceiptRequest) (*types.QueryLatestReceiptResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	reader, err := q.address("reader", req.Reader)
	if err != nil {
		return nil, err
	}
	r, found, err := q.k.LatestReceipt(ctx, reader, req.RecordId)
	if err != nil {
		return nil, grpcError(err)
	}
	if !found {
		return nil, status.Errorf(codes.NotFound, "%s has no read receipt for record %d", req.Reader, req.RecordId)
	}
	return &types.QueryLatestReceiptResponse{Receipt: r}, nil
}

func (q queryServer) ReleaseAuthorization(ctx context.Context, req *types.QueryReleaseAuthorizationRequest) (*types.QueryReleaseAuthorizationResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if _, err := q.address("account", req.Account); err != nil {
		return nil, err
	}
	res, err := q.k.ReleaseAuthorization(ctx, req.RecordId, req.Account, req.Version)
	if err != nil {
		return nil, grpcError(err)
	}
	return res, nil
}
