package keeper

import (
	"bytes"
	"context"
	"slices"

	errorsmod "cosmossdk.io/errors"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// desiredValidators is the validator set the members call for now, in
// member-address order.
func (k Keeper) desiredValidators(ctx context.Context) ([]types.Validator, error) {
	var vals []types.Validator
	err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		if p := m.VotingPower(); p > 0 {
			vals = append(vals, types.Validator{
				MemberAddress:    m.Address,
				Name:             m.Name,
				ConsensusAddress: types.ConsensusAddress(m.ConsensusPubkey),
				ConsensusPubkey:  m.ConsensusPubkey,
				Power:            p,
			})
		}
		return false, nil
	})
	return vals, err
}

// powerChange is one member's validator before and after this block.
type powerChange struct {
	oldKey, newKey     []byte
	oldPower, newPower int64
}

// amount is how much power the change moves. A key rotation moves the
// member's whole power once (from the old key to the new), not twice.
func (c powerChange) amount() int64 {
	if c.oldPower > 0 && c.newPower > 0 && !bytes.Equal(c.oldKey, c.newKey) {
		return max(c.oldPower, c.newPower)
	}
	return abs(c.newPower - c.oldPower)
}

// CheckPowerChange enforces the guard rails on the validator set the members
// now call for, against the set CometBFT has at the start of this block:
// the total must stay above zero, and the power moved in this block (summed
// over members) must not exceed 1/3 of the current total. Light clients that
// skip headers rely on the second rule: more than 1/3 of a trusted set's
// power always signs the next set's headers.
func (k Keeper) CheckPowerChange(ctx context.Context) error {
	desired, err := k.desiredValidators(ctx)
	if err != nil {
		return err
	}
	changes := map[string]*powerChange{}
	var order []string // member addresses, for a deterministic sum
	change := func(member string) *powerChange {
		c, ok := changes[member]
		if !ok {
			c = &powerChange{}
			changes[member] = c
			order = append(order, member)
		}
		return c
	}
	var lastTotal, newTotal int64
	err = k.LastValidators.Walk(ctx, nil, func(_ []byte, v types.Validator) (bool, error) {
		c := change(v.MemberAddress)
		c.oldKey, c.oldPower = v.ConsensusAddress, v.Power
		lastTotal += v.Power
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, v := range desired {
		c := change(v.MemberAddress)
		c.newKey, c.newPower = v.ConsensusAddress, v.Power
		newTotal += v.Power
	}
	var moved int64
	for _, member := range order {
		moved += changes[member].amount()
	}
	if newTotal <= 0 {
		return errorsmod.Wrap(types.ErrZeroTotalPower, "the change would leave no validator with power")
	}
	if lastTotal > 0 && 3*moved > lastTotal {
		return errorsmod.Wrapf(types.ErrPowerChangeTooBig,
			"this block would move %d of %d (limit %d); spread the change over several proposals",
			moved, lastTotal, lastTotal/3)
	}
	return nil
}

// ApplyValidatorSetChanges diffs the members against the last validator set,
// records the new set and returns the updates for CometBFT. Updates come in
// consensus-address order (removals and changes of the last set, then
// validators new to the set), so every node returns the same list.
func (k Keeper) ApplyValidatorSetChanges(ctx context.Context) ([]abci.ValidatorUpdate, error) {
	desired, err := k.desiredValidators(ctx)
	if err != nil {
		return nil, err
	}
	byAddr := make(map[string]types.Validator, len(desired))
	for _, v := range desired {
		byAddr[string(v.ConsensusAddress)] = v
	}

	var updates []abci.ValidatorUpdate
	var events []*types.EventValidatorPower
	var gone [][]byte
	err = k.LastValidators.Walk(ctx, nil, func(addr []byte, last types.Validator) (bool, error) {
		want, stays := byAddr[string(addr)]
		delete(byAddr, string(addr))
		switch {
		case !stays:
			gone = append(gone, addr)
			updates = append(updates, abci.Ed25519ValidatorUpdate(last.ConsensusPubkey, 0))
			events = append(events, &types.EventValidatorPower{ConsensusAddress: addr, OldPower: last.Power})
		case want.Power != last.Power || want.Name != last.Name || want.MemberAddress != last.MemberAddress:
			if want.Power != last.Power {
				updates = append(updates, abci.Ed25519ValidatorUpdate(want.ConsensusPubkey, want.Power))
				events = append(events, &types.EventValidatorPower{ConsensusAddress: addr, OldPower: last.Power, NewPower: want.Power})
			}
			if err := k.LastValidators.Set(ctx, addr, want); err != nil {
				return true, err
			}
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, addr := range gone {
		if err := k.LastValidators.Remove(ctx, addr); err != nil {
			return nil, err
		}
	}
	// Validators new to the set, in consensus-address order.
	for _, v := range newcomers(desired, byAddr) {
		updates = append(updates, abci.Ed25519ValidatorUpdate(v.ConsensusPubkey, v.Power))
		events = append(events, &types.EventValidatorPower{ConsensusAddress: v.ConsensusAddress, NewPower: v.Power})
		if err := k.LastValidators.Set(ctx, v.ConsensusAddress, v); err != nil {
			return nil, err
		}
	}

	em := sdk.UnwrapSDKContext(ctx).EventManager()
	for _, e := range events {
		if err := em.EmitTypedEvent(e); err != nil {
			return nil, err
		}
	}
	return updates, nil
}

// ValidatorSet returns the set last handed to CometBFT and its total power.
func (k Keeper) ValidatorSet(ctx context.Context) ([]types.Validator, int64, error) {
	var vals []types.Validator
	var total int64
	err := k.LastValidators.Walk(ctx, nil, func(_ []byte, v types.Validator) (bool, error) {
		vals = append(vals, v)
		total += v.Power
		return false, nil
	})
	return vals, total, err
}

// newcomers returns the validators of desired still in pending, ordered by
// consensus address.
func newcomers(desired []types.Validator, pending map[string]types.Validator) []types.Validator {
	out := make([]types.Validator, 0, len(pending))
	for _, v := range desired {
		if _, ok := pending[string(v.ConsensusAddress)]; ok {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b types.Validator) int {
		return bytes.Compare(a.ConsensusAddress, b.ConsensusAddress)
	})
	return out
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
