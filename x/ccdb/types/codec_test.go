package types_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// Every Msg has an amino name that fits Ledger's 39-character limit, so
// hardware wallets and amino-JSON signers can sign it.
func TestAminoNames(t *testing.T) {
	cdc := codec.NewLegacyAmino()
	types.RegisterLegacyAminoCodec(cdc)
	for _, newMsg := range fuzzMsgs {
		msg := newMsg()
		bz, err := cdc.MarshalJSON(msg)
		require.NoError(t, err, "%T", msg)
		name := strings.TrimSuffix(strings.TrimPrefix(string(bz), `{"type":"`), string(bz[strings.Index(string(bz), `","value"`):]))
		require.True(t, strings.HasPrefix(name, "msec/ccdb/Msg"), "%T is registered as %q", msg, name)
		require.LessOrEqual(t, len(name), 39, name)
		require.Equal(t, "msec/ccdb/"+strings.TrimPrefix(fmt.Sprintf("%T", msg), "*types."), name)
	}
}

func TestMsgsAreRegistered(t *testing.T) {
	registry := codectypes.NewInterfaceRegistry()
	types.RegisterInterfaces(registry)
	for _, newMsg := range fuzzMsgs {
		msg := newMsg().(sdk.Msg)
		_, err := registry.Resolve(sdk.MsgTypeURL(msg))
		require.NoError(t, err, "%T", msg)
	}
}
