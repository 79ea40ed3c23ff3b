package types

import (
	"encoding/hex"
	"fmt"

	"cosmossdk.io/core/address"
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
		return fmt.Errorf("%w: %d members exceed max_members %d", ErrInvalidGenesis, len(gs.Members), gs.Params.MaxMembers)
	}
	if uint32(len(gs.ObserverNodes)) > gs.Params.MaxObserverNodes {
		return fmt.Errorf("%w: %d observer nodes exceed max_observer_nodes %d", ErrInvalidGenesis, len(gs.ObserverNodes), gs.Params.MaxObserverNodes)
	}

	addresses := map[string]bool{}
	consKeys := map[string]string{}
	nodes := map[string]string{}
	var total int64
	for i, m := range gs.Members {
		if err := m.Validate(ac); err != nil {
			return fmt.Errorf("member %d (%s): %w", i, m.Name, err)
		}
		if addresses[m.Address] {
			return fmt.Errorf("%w: member %s listed twice", ErrMemberExists, m.Address)
		}
		addresses[m.Address] = true
		if uint32(len(m.NodeIds)) > gs.Params.MaxNodeIdsPerMember {
			return fmt.Errorf("%w: member %s lists %d node IDs, max_node_ids_per_member is %d", ErrInvalidGenesis, m.Address, len(m.NodeIds), gs.Params.MaxNodeIdsPerMember)
		}
		key := hex.EncodeToString(m.ConsensusPubkey)
		if other, ok := consKeys[key]; ok {
			return fmt.Errorf("%w: members %s and %s share a consensus key", ErrDuplicateConsKey, other, m.Address)
		}
		consKeys[key] = m.Address
		for _, id := range m.NodeIds {
			if other, ok := nodes[id]; ok {
				return fmt.Errorf("%w: node %s belongs to %s and %s", ErrDuplicateNodeID, id, other, m.Address)
			}
			nodes[id] = m.Address
		}
		total += m.VotingPower()
	}
	if len(gs.Members) == 0 {
		return fmt.Errorf("%w: no members; add them with `msecd genesis add-member`", ErrInvalidGenesis)
	}
	if total <= 0 {
		return fmt.Errorf("%w: the members' total power is 0, no validator could produce blocks", ErrZeroTotalPower)
	}

	for i, o := range gs.ObserverNodes {
		if err := o.Validate(ac); err != nil {
			return fmt.Errorf("observer node %d: %w", i, err)
		}
		if other, ok := nodes[o.NodeId]; ok {
			return fmt.Errorf("%w: observer node %s is already listed for %s", ErrDuplicateNodeID, o.NodeId, other)
		}
		nodes[o.NodeId] = "observer " + o.Owner
	}

	for i, mb := range gs.Misbehaviours {
		if len(mb.ValidatorAddress) == 0 || mb.InfractionHeight <= 0 {
			return fmt.Errorf("%w: misbehaviour %d lacks a validator address or height", ErrInvalidGenesis, i)
		}
	}
	return nil
}
