package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// AuditTrail lists the record's trail in the order things happened.
func (q queryServer) AuditTrail(ctx context.Context, req *types.QueryAuditTrailRequest) (*types.QueryAuditTrailResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	if _, err := q.k.GetRecord(ctx, req.RecordId); err != nil {
		return nil, grpcError(err)
	}
	entries, page, err := paginatePrefix(ctx, q.k.Trail, req.RecordId, req.Pagination)
	if err != nil {
		return nil, pageError(err)
	}
	return &types.QueryAuditTrailResponse{Entries: entries, Pagination: page}, nil
}

// ErasureStatus returns the record's erasure certificate so far: every
// attestation, and how many the quorum needs with today's custodians.
func (q queryServer) ErasureStatus(ctx context.Context, req *types.QueryErasureStatusRequest) (*types.QueryErasureStatusResponse, error) {
	if req == nil {
		return nil, errEmptyRequest
	}
	r, err := q.k.GetRecord(ctx, req.RecordId)
	if err != nil {
		return nil, grpcError(err)
	}
	res := &types.QueryErasureStatusResponse{
		Status: r.Status, EraseRequestedHeight: r.EraseRequestedHeight, ErasedHeight: r.ErasedHeight,
	}
	// At most one attestation per consortium member: a short list.
	if err := q.k.Attestations.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](r.Id),
		func(_ collections.Pair[uint64, sdk.AccAddress], a types.ErasureAttestation) (bool, error) {
			res.Attestations = append(res.Attestations, a)
			return false, nil
		}); err != nil {
		return nil, grpcError(err)
	}
	p, err := q.k.params(ctx)
	if err != nil {
		return nil, grpcError(err)
	}
	if res.ActiveCustodians, err = q.k.consortium.ActiveMemberCount(ctx); err != nil {
		return nil, grpcError(err)
	}
	res.Required = types.RequiredAttestations(p.ErasureQuorum, res.ActiveCustodians)
	return res, nil
}
