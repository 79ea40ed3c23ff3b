package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

// CurrentEncryptionKey returns an account's current encryption key.
func (k Keeper) CurrentEncryptionKey(ctx context.Context, owner sdk.AccAddress) (types.EncryptionKey, error) {
	index, err := k.CurrentKey.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return types.EncryptionKey{}, errorsmod.Wrapf(types.ErrNoEncryptionKey, "%s must run `msecd tx ccdb register-key` first", k.mustString(owner))
	}
	if err != nil {
		return types.EncryptionKey{}, err
	}
	return k.EncryptionKeys.Get(ctx, collections.Join(owner, index))
}

// RegisterEncryptionKey makes msg's key the owner's current one. The key it
// replaces stays in the history, marked with the height it was replaced at,
// so envelopes sealed to it can still be explained.
func (k Keeper) RegisterEncryptionKey(ctx context.Context, msg *types.MsgRegisterEncryptionKey) (uint64, error) {
	_, err := k.checkMsg(ctx, msg)
	if err != nil {
		return 0, err
	}
	pk, err := envelope.ParsePublicKey(msg.PublicKey)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrInvalidPublicKey, "%v", err)
	}
	owner := k.mustBytes(msg.Owner)
	var index uint64
	err = inCache(ctx, func(ctx sdk.Context) error {
		b := blockOf(ctx)
		current, err := k.CurrentEncryptionKey(ctx, owner)
		switch {
		case err == nil:
			if bytes.Equal(current.PublicKey, msg.PublicKey) {
				return errorsmod.Wrapf(types.ErrKeyUnchanged, "index %d", current.Index)
			}
			current.ReplacedHeight = b.height
			if err := k.EncryptionKeys.Set(ctx, collections.Join(owner, current.Index), current); err != nil {
				return err
			}
		case !errors.Is(err, types.ErrNoEncryptionKey):
			return err
		}
		index = current.Index + 1
		key := types.EncryptionKey{
			Owner: msg.Owner, Index: index, PublicKey: msg.PublicKey, Suite: uint32(pk.Suite()),
			RegisteredHeight: b.height, RegisteredTime: b.time,
		}
		if err := k.EncryptionKeys.Set(ctx, collections.Join(owner, index), key); err != nil {
			return err
		}
		if err := k.CurrentKey.Set(ctx, owner, index); err != nil {
			return err
		}
		return emitEvent(ctx, &types.EventEncryptionKeyRegistered{Owner: msg.Owner, Index: index, Suite: key.Suite})
	})
	return index, err
}
