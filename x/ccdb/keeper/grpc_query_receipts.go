package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
	receipts, page, err := paginateIndex(ctx, q.k.ReceiptsByRecord, req.RecordId, req.Pagination, q.k.GetReceipt)
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
	// Ordered by record, then by receipt: the index also serves "latest
	// receipt of this reader for this record".
	receipts, page, err := paginateKeys(ctx, q.k.ReceiptsByReader, collections.TriplePrefix[sdk.AccAddress, uint64, uint64](reader),
		collections.Triple[sdk.AccAddress, uint64, uint64].K3, req.Pagination, q.k.GetReceipt)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryReceiptsByReaderResponse{Receipts: receipts, Pagination: page}, nil
}

func (q queryServer) ReceiptsByGrant(ctx context.Context, req *types.QueryReceiptsByGrantRequest) (*types.QueryReceiptsByGrantResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	receipts, page, err := paginateIndex(ctx, q.k.ReceiptsByGrant, req.GrantId, req.Pagination, q.k.GetReceipt)
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
	start, err := q.k.firstReceiptAt(ctx, req.StartTime)
	if err != nil {
		return nil, grpcError(err)
	}
	end, err := q.k.firstReceiptAt(ctx, req.EndTime)
	if err != nil {
		return nil, grpcError(err)
	}
	receipts, page, err := paginateRange(ctx, q.k.Receipts, start, end, req.Pagination,
		func(_ uint64, r types.Receipt) (types.Receipt, error) { return r, nil })
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
