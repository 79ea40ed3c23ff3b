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
	legacy.RegisterAminoMsg(cdc, &MsgAddMember{}, "msec/consortium/MsgAddMember")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateMember{}, "msec/consortium/MsgUpdateMember")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveMember{}, "msec/consortium/MsgRemoveMember")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterObserverNode{}, "msec/consortium/MsgRegisterObserver")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveObserverNode{}, "msec/consortium/MsgRemoveObserver")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "msec/consortium/MsgUpdateParams")
	cdc.RegisterConcrete(Params{}, "msec/x/consortium/Params", nil)
}

// RegisterInterfaces registers the module's Msgs.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgAddMember{},
		&MsgUpdateMember{},
		&MsgRemoveMember{},
		&MsgRegisterObserverNode{},
		&MsgRemoveObserverNode{},
		&MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
