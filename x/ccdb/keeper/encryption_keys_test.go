package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

func TestRegisterAndRotateEncryptionKey(t *testing.T) {
	f := setup(t)
	first := publicKey(t, "margaret", envelope.SuiteX25519)
	index, err := f.k.RegisterEncryptionKey(f.ctx, &types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: first})
	require.NoError(t, err)
	require.Equal(t, uint64(1), index)

	f.next(0)
	second := publicKey(t, "margaret", envelope.SuiteMLKEM768X25519)
	index, err = f.k.RegisterEncryptionKey(f.ctx, &types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: second})
	require.NoError(t, err)
	require.Equal(t, uint64(2), index)

	current, err := f.qs.EncryptionKey(f.ctx, &types.QueryEncryptionKeyRequest{Owner: margaret})
	require.NoError(t, err)
	require.Equal(t, second, current.Key.PublicKey)
	require.Equal(t, uint32(envelope.SuiteMLKEM768X25519), current.Key.Suite)
	require.Zero(t, current.Key.ReplacedHeight)

	history, err := f.qs.EncryptionKeyHistory(f.ctx, &types.QueryEncryptionKeyHistoryRequest{Owner: margaret})
	require.NoError(t, err)
	require.Len(t, history.Keys, 2)
	require.Equal(t, first, history.Keys[0].PublicKey)
	require.Equal(t, int64(1), history.Keys[0].RegisteredHeight)
	require.Equal(t, int64(2), history.Keys[0].ReplacedHeight, "the old key records when it was replaced")
	require.Equal(t, int64(2), history.Keys[1].RegisteredHeight)
}

func TestRegisterEncryptionKeyRefusals(t *testing.T) {
	valid := publicKey(t, margaret, envelope.SuiteX25519) // registerKey's key
	cases := map[string]struct {
		msg  types.MsgRegisterEncryptionKey
		want error
	}{
		"same key again": {types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: valid}, types.ErrKeyUnchanged},
		"empty key":      {types.MsgRegisterEncryptionKey{Owner: margaret}, types.ErrInvalidPublicKey},
		"unknown suite":  {types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: append([]byte{1, 9}, valid[2:]...)}, types.ErrInvalidPublicKey},
		"short key":      {types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: valid[:20]}, types.ErrInvalidPublicKey},
		"version 2":      {types.MsgRegisterEncryptionKey{Owner: margaret, PublicKey: append([]byte{2}, valid[1:]...)}, types.ErrInvalidPublicKey},
		"bad owner":      {types.MsgRegisterEncryptionKey{Owner: "cosmos1xyz", PublicKey: valid}, types.ErrInvalidAddress},
		"missing owner":  {types.MsgRegisterEncryptionKey{PublicKey: valid}, types.ErrInvalidAddress},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := setup(t)
			f.registerKey(t, margaret)
			_, err := f.k.RegisterEncryptionKey(f.ctx, &tc.msg)
			requireRefused(t, err, tc.want)
			history, err := f.qs.EncryptionKeyHistory(f.ctx, &types.QueryEncryptionKeyHistoryRequest{Owner: margaret})
			require.NoError(t, err)
			require.Len(t, history.Keys, 1, "a refused key leaves the history alone")
		})
	}
}

func TestEncryptionKeyQueryWithoutKey(t *testing.T) {
	f := setup(t)
	_, err := f.qs.EncryptionKey(f.ctx, &types.QueryEncryptionKeyRequest{Owner: margaret})
	require.ErrorContains(t, err, types.ErrNoEncryptionKey.Error())
}
