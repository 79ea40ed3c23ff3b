package types

import (
	"encoding/hex"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis is an empty consortium with default params. A chain cannot
// start from it: members are added with `msecd genesis add-member`.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate rejects a genesis that could not start a healthy chain, naming
// the offending entry.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if uint32(len(gs.Members)) > gs.Params.MaxMembers {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d members exceed max_members %d", len(gs.Members), gs.Params.MaxMembers)
	}
	if uint32(len(gs.ObserverNodes)) > gs.Params.MaxObserverNodes {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d observer nodes exceed max_observer_nodes %d", len(gs.ObserverNodes), gs.Params.MaxObserverNodes)
	}

	addresses := map[string]bool{}
	consKeys := map[string]string{}
	nodes := map[string]string{}
	var total int64
	for i, m := range gs.Members {
		if err := m.Validate(ac); err != nil {
			return errorsmod.Wrapf(err, "member %d (%s)", i, m.Name)
		}
		if addresses[m.Address] {
			return errorsmod.Wrapf(ErrMemberExists, "member %s listed twice", m.Address)
		}
		addresses[m.Address] = true
		if uint32(len(m.NodeIds)) > gs.Params.MaxNodeIdsPerMember {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %s lists %d node IDs, max_node_ids_per_member is %d", m.Address, len(m.NodeIds), gs.Params.MaxNodeIdsPerMember)
		}
		key := hex.EncodeToString(m.ConsensusPubkey)
		if other, ok := consKeys[key]; ok {
			return errorsmod.Wrapf(ErrDuplicateConsKey, "members %s and %s share a consensus key", other, m.Address)
		}
		consKeys[key] = m.Address
		for _, id := range m.NodeIds {
			if other, ok := nodes[id]; ok {
				return errorsmod.Wrapf(ErrDuplicateNodeID, "node %s belongs to %s and %s", id, other, m.Address)
			}
			nodes[id] = m.Address
		}
		total += m.VotingPower()
	}
	if len(gs.Members) == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "no members; add them with `msecd genesis add-member`")
	}
	if total <= 0 {
		return errorsmod.Wrap(ErrZeroTotalPower, "the members' total power is 0, no validator could produce blocks")
	}

	for i, o := range gs.ObserverNodes {
		if err := o.Validate(ac); err != nil {
			return errorsmod.Wrapf(err, "observer node %d", i)
		}
		if other, ok := nodes[o.NodeId]; ok {
			return errorsmod.Wrapf(ErrDuplicateNodeID, "observer node %s is already listed for %s", o.NodeId, other)
		}
		nodes[o.NodeId] = "observer " + o.Owner
	}

	for i, mb := range gs.Misbehaviours {
		if len(mb.ValidatorAddress) == 0 || mb.InfractionHeight <= 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "misbehaviour %d lacks a validator address or height", i)
		}
	}
	return nil
}
