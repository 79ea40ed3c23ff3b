package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// IsActiveMember says whether addr is the operator account of an ACTIVE
// member. Other modules use it to recognise consortium roles (x/ccdb's
// erasure custodians).
func (k Keeper) IsActiveMember(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	m, err := k.Members.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return m.Status == types.MEMBER_STATUS_ACTIVE, nil
}

// ActiveMemberCount counts the ACTIVE members; the member list is bounded by
// max_members, so this walk is short.
func (k Keeper) ActiveMemberCount(ctx context.Context) (uint64, error) {
	var n uint64
	err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		if m.Status == types.MEMBER_STATUS_ACTIVE {
			n++
		}
		return false, nil
	})
	return n, err
}
