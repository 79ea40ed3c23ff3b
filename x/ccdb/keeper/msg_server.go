package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/msec-city/msec/x/ccdb/types"
)

type msgServer struct {
	k Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service. The signer of each message is
// checked by the SDK against the field named by its cosmos.msg.v1.signer
// option; the keeper checks that signer's role (owner, grantee, custodian).
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{k: k}
}

func (s msgServer) RegisterEncryptionKey(ctx context.Context, msg *types.MsgRegisterEncryptionKey) (*types.MsgRegisterEncryptionKeyResponse, error) {
	index, err := s.k.RegisterEncryptionKey(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgRegisterEncryptionKeyResponse{Index: index}, nil
}

func (s msgServer) PutRecord(ctx context.Context, msg *types.MsgPutRecord) (*types.MsgPutRecordResponse, error) {
	id, err := s.k.PutRecord(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgPutRecordResponse{RecordId: id}, nil
}

func (s msgServer) UpdateRecord(ctx context.Context, msg *types.MsgUpdateRecord) (*types.MsgUpdateRecordResponse, error) {
	version, err := s.k.UpdateRecord(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgUpdateRecordResponse{Version: version}, nil
}

func (s msgServer) EraseRecord(ctx context.Context, msg *types.MsgEraseRecord) (*types.MsgEraseRecordResponse, error) {
	if err := s.k.EraseRecord(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgEraseRecordResponse{}, nil
}

func (s msgServer) GrantAccess(ctx context.Context, msg *types.MsgGrantAccess) (*types.MsgGrantAccessResponse, error) {
	id, err := s.k.GrantAccess(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgGrantAccessResponse{GrantId: id}, nil
}

func (s msgServer) RevokeAccess(ctx context.Context, msg *types.MsgRevokeAccess) (*types.MsgRevokeAccessResponse, error) {
	if err := s.k.RevokeAccess(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgRevokeAccessResponse{}, nil
}

func (s msgServer) RequestAccess(ctx context.Context, msg *types.MsgRequestAccess) (*types.MsgRequestAccessResponse, error) {
	id, err := s.k.RequestAccess(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgRequestAccessResponse{RequestId: id}, nil
}

func (s msgServer) ApproveRequest(ctx context.Context, msg *types.MsgApproveRequest) (*types.MsgApproveRequestResponse, error) {
	id, err := s.k.ApproveRequest(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgApproveRequestResponse{GrantId: id}, nil
}

func (s msgServer) RejectRequest(ctx context.Context, msg *types.MsgRejectRequest) (*types.MsgRejectRequestResponse, error) {
	if err := s.k.RejectRequest(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgRejectRequestResponse{}, nil
}

func (s msgServer) AccessRecord(ctx context.Context, msg *types.MsgAccessRecord) (*types.MsgAccessRecordResponse, error) {
	r, err := s.k.AccessRecord(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgAccessRecordResponse{ReceiptId: r.Id, Version: r.Version, EnvelopeCommitment: r.EnvelopeCommitment}, nil
}

func (s msgServer) AttestErasure(ctx context.Context, msg *types.MsgAttestErasure) (*types.MsgAttestErasureResponse, error) {
	erased, err := s.k.AttestErasure(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgAttestErasureResponse{Erased: erased}, nil
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %q", s.k.authority, msg.Authority)
	}
	if err := msg.Validate(s.k.addressCodec, msg.Params); err != nil {
		return nil, err
	}
	if err := s.k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	params := msg.Params
	if err := emitEvent(ctx, &types.EventParamsUpdated{Params: &params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
