package keeper

import (
	"context"

	"google.golang.org/grpc/codes"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/x/consortium/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

func (q queryServer) Members(ctx context.Context, req *types.QueryMembersRequest) (*types.QueryMembersResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	members, page, err := query.CollectionPaginate(ctx, q.k.Members, req.Pagination,
		func(_ sdk.AccAddress, m types.Member) (types.Member, error) { return m, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryMembersResponse{Members: members, Pagination: page}, nil
}

func (q queryServer) Member(ctx context.Context, req *types.QueryMemberRequest) (*types.QueryMemberResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	addr, err := q.k.addressCodec.StringToBytes(req.Address)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "invalid address %q: %v", req.Address, err)
	}
	m, err := q.k.GetMember(ctx, addr)
	if err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	return &types.QueryMemberResponse{Member: m}, nil
}

func (q queryServer) ValidatorSet(ctx context.Context, _ *types.QueryValidatorSetRequest) (*types.QueryValidatorSetResponse, error) {
	vals, total, err := q.k.ValidatorSet(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryValidatorSetResponse{Validators: vals, TotalPower: total}, nil
}

func (q queryServer) ObserverNodes(ctx context.Context, req *types.QueryObserverNodesRequest) (*types.QueryObserverNodesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	nodes, page, err := query.CollectionPaginate(ctx, q.k.ObserverNodes, req.Pagination,
		func(_ string, o types.ObserverNode) (types.ObserverNode, error) { return o, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryObserverNodesResponse{ObserverNodes: nodes, Pagination: page}, nil
}

func (q queryServer) NodeAllowed(ctx context.Context, req *types.QueryNodeAllowedRequest) (*types.QueryNodeAllowedResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if err := types.ValidateNodeID(req.NodeId); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	allowed, role, owner, err := q.k.NodeAllowed(ctx, req.NodeId)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryNodeAllowedResponse{Allowed: allowed, Role: role, Owner: owner}, nil
}

func (q queryServer) Misbehaviours(ctx context.Context, req *types.QueryMisbehavioursRequest) (*types.QueryMisbehavioursResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	records, page, err := query.CollectionPaginate(ctx, q.k.Misbehaviours, req.Pagination,
		func(_ collections.Pair[int64, []byte], mb types.Misbehaviour) (types.Misbehaviour, error) {
			return mb, nil
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryMisbehavioursResponse{Misbehaviours: records, Pagination: page}, nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: params}, nil
}
