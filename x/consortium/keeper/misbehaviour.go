package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/comet"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// HandleEvidence records the misbehaviour CometBFT reports in this block and
// suspends each offending member: its power goes to 0 in this block's
// validator updates. Evidence is acted on even when it changes more than 1/3
// of the power: keeping a double signer in the set is the greater danger.
// The one exception: the last validator with power is not suspended, since an
// empty set would halt the chain for good; the misbehaviour is still recorded.
func (k Keeper) HandleEvidence(ctx context.Context) error {
	info := k.cometInfo.GetCometBlockInfo(ctx)
	if info == nil {
		return nil
	}
	evidence := info.GetEvidence()
	if evidence == nil {
		return nil
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for i := 0; i < evidence.Len(); i++ {
		ev := evidence.Get(i)
		kind := misbehaviourKind(ev.Type())
		if kind == types.MISBEHAVIOUR_KIND_UNSPECIFIED {
			sdkCtx.Logger().Error("ignoring evidence of unknown type", "type", ev.Type())
			continue
		}
		if err := k.recordMisbehaviour(sdkCtx, kind, ev); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) recordMisbehaviour(ctx sdk.Context, kind types.MisbehaviourKind, ev comet.Evidence) error {
	consAddr := ev.Validator().Address()
	key := collections.Join(ev.Height(), consAddr)
	if seen, err := k.Misbehaviours.Has(ctx, key); err != nil || seen {
		return err
	}
	record := types.Misbehaviour{
		ValidatorAddress: consAddr,
		Kind:             kind,
		InfractionHeight: ev.Height(),
		RecordedHeight:   ctx.BlockHeight(),
		InfractionTime:   ev.Time(),
	}
	memberAddr, err := k.Members.Indexes.ByConsensusAddress.MatchExact(ctx, consAddr)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		// The validator left the consortium since; keep the record for auditors.
	case err != nil:
		return err
	default:
		m, err := k.Members.Get(ctx, memberAddr)
		if err != nil {
			return err
		}
		record.MemberAddress = m.Address
		record.PowerBefore = m.VotingPower()
		if err := k.suspend(ctx, m); err != nil {
			return err
		}
	}
	if err := k.Misbehaviours.Set(ctx, key, record); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventMisbehaviour{
		MemberAddress: record.MemberAddress, ValidatorAddress: consAddr, Kind: kind,
		InfractionHeight: record.InfractionHeight, PowerBefore: record.PowerBefore,
	})
}

func (k Keeper) suspend(ctx sdk.Context, m types.Member) error {
	if m.Status == types.MEMBER_STATUS_SUSPENDED {
		return nil
	}
	suspended := m
	suspended.Power = 0
	suspended.Status = types.MEMBER_STATUS_SUSPENDED
	if err := k.Members.Set(ctx, k.mustBytes(m.Address), suspended); err != nil {
		return err
	}
	desired, err := k.desiredValidators(ctx)
	if err != nil {
		return err
	}
	if len(desired) == 0 {
		ctx.Logger().Error("misbehaving member is the last validator with power; not suspending it", "member", m.Address)
		return k.Members.Set(ctx, k.mustBytes(m.Address), m)
	}
	return nil
}

func misbehaviourKind(t comet.MisbehaviorType) types.MisbehaviourKind {
	switch t {
	case comet.DuplicateVote:
		return types.MISBEHAVIOUR_KIND_DUPLICATE_VOTE
	case comet.LightClientAttack:
		return types.MISBEHAVIOUR_KIND_LIGHT_CLIENT_ATTACK
	default:
		return types.MISBEHAVIOUR_KIND_UNSPECIFIED
	}
}
