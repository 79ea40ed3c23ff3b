package companion

import (
	"context"
	"sync"

	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// maxCachedKeys bounds the account key cache; it is emptied when full.
const maxCachedKeys = 100_000

// accountKeys looks up accounts' public keys on chain. An account's key
// never changes once set, so known keys are cached; unknown ones are asked
// again every time (the account may sign its first transaction any time).
type accountKeys struct {
	conn  Chain
	mu    sync.Mutex
	known map[string]cryptotypes.PubKey
}

func newAccountKeys(conn Chain) *accountKeys {
	return &accountKeys{conn: conn, known: map[string]cryptotypes.PubKey{}}
}

// AccountPubKey implements requestauth.AccountKeys.
func (a *accountKeys) AccountPubKey(ctx context.Context, address string) (cryptotypes.PubKey, error) {
	a.mu.Lock()
	key, ok := a.known[address]
	a.mu.Unlock()
	if ok {
		return key, nil
	}
	res, err := authtypes.NewQueryClient(a.conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: address})
	if status.Code(err) == codes.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	packed := res.Info.PubKey
	if packed == nil {
		return nil, nil
	}
	// Account keys are secp256k1; any other type cannot match a request's
	// key, which requestauth only accepts as secp256k1.
	secp := &secp256k1.PubKey{}
	var pk cryptotypes.PubKey = secp
	if packed.TypeUrl != "/"+proto.MessageName(secp) || proto.Unmarshal(packed.Value, secp) != nil {
		pk = unsupportedKey{}
	}
	a.mu.Lock()
	if len(a.known) >= maxCachedKeys {
		a.known = map[string]cryptotypes.PubKey{}
	}
	a.known[address] = pk
	a.mu.Unlock()
	return pk, nil
}

// unsupportedKey stands for an on-chain key of another type: it equals no
// request key.
type unsupportedKey struct{ cryptotypes.PubKey }

func (unsupportedKey) Equals(cryptotypes.PubKey) bool { return false }
