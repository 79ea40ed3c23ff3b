package keeper

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// emitEvent adds a typed event to the context's events, as EmitTypedEvent
// does but without its reflection for the events every put, grant and read
// emits (types.TypedEvent).
func emitEvent(ctx context.Context, ev proto.Message) error {
	e, err := types.TypedEvent(ev)
	if err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(e)
	return nil
}
