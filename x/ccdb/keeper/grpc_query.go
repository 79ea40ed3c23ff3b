package keeper

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

var errEmptyRequest = status.Error(codes.InvalidArgument, "empty request")

// notFound are the errors a query reports as codes.NotFound.
var notFound = []error{
	types.ErrRecordNotFound, types.ErrVersionNotFound, types.ErrGrantNotFound, types.ErrRequestNotFound,
	types.ErrReceiptNotFound, types.ErrNoEncryptionKey, types.ErrNoEnvelope,
}

// grpcError gives a keeper error its gRPC code.
func grpcError(err error) error {
	for _, nf := range notFound {
		if errors.Is(err, nf) {
			return status.Error(codes.NotFound, err.Error())
		}
	}
	if errors.Is(err, types.ErrInvalidAddress) {
		return status.Error(codes.InvalidArgument, err.Error())
	}
	return status.Error(codes.Internal, err.Error())
}

// notFoundAs turns a collection's not-found into the module's error.
func notFoundAs(err, sentinel error) error {
	if errors.Is(err, collections.ErrNotFound) {
		return sentinel
	}
	return err
}

// pageError reports a pagination failure (a bad key or limit).
func pageError(err error) error {
	return status.Error(codes.InvalidArgument, err.Error())
}

// address decodes a request's address field.
func (q queryServer) address(field, s string) (sdk.AccAddress, error) {
	if err := types.ValidateAddress(q.k.addressCodec, field, s); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return q.k.mustBytes(s), nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.params(ctx)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
