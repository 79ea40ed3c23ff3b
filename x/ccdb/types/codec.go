package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the amino names that hardware wallets
// and amino-JSON signers (Ledger, Keplr, CosmJS) use.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgRegisterEncryptionKey{}, "msec/ccdb/MsgRegisterEncryptionKey")
	legacy.RegisterAminoMsg(cdc, &MsgPutRecord{}, "msec/ccdb/MsgPutRecord")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateRecord{}, "msec/ccdb/MsgUpdateRecord")
	legacy.RegisterAminoMsg(cdc, &MsgEraseRecord{}, "msec/ccdb/MsgEraseRecord")
	legacy.RegisterAminoMsg(cdc, &MsgGrantAccess{}, "msec/ccdb/MsgGrantAccess")
	legacy.RegisterAminoMsg(cdc, &MsgRevokeAccess{}, "msec/ccdb/MsgRevokeAccess")
	legacy.RegisterAminoMsg(cdc, &MsgRequestAccess{}, "msec/ccdb/MsgRequestAccess")
	legacy.RegisterAminoMsg(cdc, &MsgApproveRequest{}, "msec/ccdb/MsgApproveRequest")
	legacy.RegisterAminoMsg(cdc, &MsgRejectRequest{}, "msec/ccdb/MsgRejectRequest")
	legacy.RegisterAminoMsg(cdc, &MsgAccessRecord{}, "msec/ccdb/MsgAccessRecord")
	legacy.RegisterAminoMsg(cdc, &MsgAttestErasure{}, "msec/ccdb/MsgAttestErasure")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "msec/ccdb/MsgUpdateParams")
	cdc.RegisterConcrete(Params{}, "msec/x/ccdb/Params", nil)
}

// RegisterInterfaces registers the module's Msgs.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgRegisterEncryptionKey{},
		&MsgPutRecord{},
		&MsgUpdateRecord{},
		&MsgEraseRecord{},
		&MsgGrantAccess{},
		&MsgRevokeAccess{},
		&MsgRequestAccess{},
		&MsgApproveRequest{},
		&MsgRejectRequest{},
		&MsgAccessRecord{},
		&MsgAttestErasure{},
		&MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
