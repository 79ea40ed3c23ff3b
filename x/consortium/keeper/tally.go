package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/msec-city/msec/x/consortium/types"
)

// TallyOneVotePerMember is the gov vote-calculation function of msec: each
// active member has one vote, whatever its validator power or balance; votes
// from anyone else count for nothing. Quorum and threshold stay gov params,
// measured against the number of active members.
func (k Keeper) TallyOneVotePerMember() govkeeper.CalculateVoteResultsAndVotingPowerFn {
	return func(ctx context.Context, gk govkeeper.Keeper, proposal govv1.Proposal) (math.LegacyDec, math.Int, map[govv1.VoteOption]math.LegacyDec, error) {
		results := map[govv1.VoteOption]math.LegacyDec{
			govv1.OptionYes:        math.LegacyZeroDec(),
			govv1.OptionAbstain:    math.LegacyZeroDec(),
			govv1.OptionNo:         math.LegacyZeroDec(),
			govv1.OptionNoWithVeto: math.LegacyZeroDec(),
		}
		members, err := k.countActiveMembers(ctx)
		if err != nil {
			return math.LegacyDec{}, math.Int{}, nil, err
		}

		voted := math.LegacyZeroDec()
		var counted []collections.Pair[uint64, sdk.AccAddress]
		rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](proposal.Id)
		err = gk.Votes.Walk(ctx, rng, func(key collections.Pair[uint64, sdk.AccAddress], vote govv1.Vote) (bool, error) {
			counted = append(counted, key)
			m, err := k.Members.Get(ctx, key.K2())
			if errors.Is(err, collections.ErrNotFound) {
				return false, nil
			}
			if err != nil {
				return true, err
			}
			if m.Status != types.MEMBER_STATUS_ACTIVE {
				return false, nil
			}
			for _, option := range vote.Options {
				weight, err := math.LegacyNewDecFromStr(option.Weight)
				if err != nil {
					return true, err
				}
				results[option.Option] = results[option.Option].Add(weight)
			}
			voted = voted.Add(math.LegacyOneDec())
			return false, nil
		})
		if err != nil {
			return math.LegacyDec{}, math.Int{}, nil, err
		}
		// Like the default tally, the votes are consumed.
		for _, key := range counted {
			if err := gk.Votes.Remove(ctx, key); err != nil {
				return math.LegacyDec{}, math.Int{}, nil, err
			}
		}
		return voted, math.NewIntFromUint64(members), results, nil
	}
}

func (k Keeper) countActiveMembers(ctx context.Context) (uint64, error) {
	var n uint64
	err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		if m.Status == types.MEMBER_STATUS_ACTIVE {
			n++
		}
		return false, nil
	})
	return n, err
}
