package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// Validate checks a MsgAddMember's fields.
func (msg *MsgAddMember) Validate(ac address.Codec) error {
	m := Member{
		Address:         msg.Address,
		Name:            msg.Name,
		NodeIds:         msg.NodeIds,
		ConsensusPubkey: msg.ConsensusPubkey,
		Power:           msg.Power,
		Status:          MEMBER_STATUS_ACTIVE,
	}
	return m.Validate(ac)
}

// Validate checks a MsgUpdateMember's fields; an empty key keeps the old one.
func (msg *MsgUpdateMember) Validate(ac address.Codec) error {
	if err := ValidateAddress(ac, "member address", msg.Address); err != nil {
		return err
	}
	if err := ValidateName(msg.Name); err != nil {
		return err
	}
	if err := ValidateNodeIDs(msg.NodeIds); err != nil {
		return err
	}
	if len(msg.ConsensusPubkey) > 0 {
		if err := ValidateConsensusPubKey(msg.ConsensusPubkey); err != nil {
			return err
		}
	}
	return ValidatePower(msg.Power)
}

// Validate checks a MsgRemoveMember's fields.
func (msg *MsgRemoveMember) Validate(ac address.Codec) error {
	return ValidateAddress(ac, "member address", msg.Address)
}

// Validate checks a MsgRegisterObserverNode's fields.
func (msg *MsgRegisterObserverNode) Validate(ac address.Codec) error {
	return ObserverNode{NodeId: msg.NodeId, Owner: msg.Owner, Purpose: msg.Purpose}.Validate(ac)
}

// Validate checks a MsgRemoveObserverNode's fields.
func (msg *MsgRemoveObserverNode) Validate() error {
	return ValidateNodeID(msg.NodeId)
}

// Validate checks a MsgUpdateParams's fields.
func (msg *MsgUpdateParams) Validate() error {
	if err := msg.Params.Validate(); err != nil {
		return errorsmod.Wrap(err, "params")
	}
	return nil
}
