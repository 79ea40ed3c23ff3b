package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ConsortiumKeeper is what x/ccdb needs from x/consortium: custodians are the
// operator accounts of active consortium members.
type ConsortiumKeeper interface {
	IsActiveMember(ctx context.Context, addr sdk.AccAddress) (bool, error)
	ActiveMemberCount(ctx context.Context) (uint64, error)
}
