package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	dbm "github.com/cosmos/cosmos-db"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/app"
)

// sender is a funded account whose sequence loadgen tracks itself, so it
// can pipeline transactions without waiting for each to commit.
type sender struct {
	name     string
	mnemonic string
	key      *secp256k1.PrivKey
	address  sdk.AccAddress
	number   uint64
	sequence uint64
}

type environment struct {
	chainID  string
	txConfig client.TxConfig
	codec    codec.Codec
	registry codectypes.InterfaceRegistry
	rpc      *rpchttp.HTTP
	grpc     *grpc.ClientConn
	senders  []*sender
	// inFlight is how many seconds of the offered rate may be sent and not
	// yet committed.
	inFlight time.Duration
}

func newEnvironment(dir, rpcAddr, grpcAddr, chainID string, names []string) (*environment, error) {
	app.SetAddressPrefixes()
	home, err := os.MkdirTemp("", "loadgen-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(home)
	encoding := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, appOptions{flags.FlagHome: home})

	rpc, err := rpchttp.New(rpcAddr, "/websocket")
	if err != nil {
		return nil, err
	}
	if err := rpc.Start(); err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", rpcAddr, err)
	}
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	env := &environment{chainID: chainID, txConfig: encoding.TxConfig(), codec: encoding.AppCodec(),
		registry: encoding.InterfaceRegistry(), rpc: rpc, grpc: conn}
	for _, name := range names {
		s, err := loadSender(dir, name)
		if err != nil {
			return nil, err
		}
		if err := env.refreshAccount(s); err != nil {
			return nil, err
		}
		env.senders = append(env.senders, s)
	}
	return env, nil
}

func (e *environment) Close() {
	_ = e.rpc.Stop()
	_ = e.grpc.Close()
}

// loadSender derives the key from the mnemonic the localnet saved for name.
func loadSender(dir, name string) (*sender, error) {
	bz, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		return nil, fmt.Errorf("reading %s's key (is the localnet running?): %w", name, err)
	}
	var saved struct {
		Mnemonic string `json:"mnemonic"`
	}
	if err := json.Unmarshal(bz, &saved); err != nil || saved.Mnemonic == "" {
		return nil, fmt.Errorf("%s.json has no mnemonic", name)
	}
	derived, err := hd.Secp256k1.Derive()(saved.Mnemonic, "", sdk.FullFundraiserPath)
	if err != nil {
		return nil, err
	}
	key := &secp256k1.PrivKey{Key: derived}
	return &sender{name: name, mnemonic: saved.Mnemonic, key: key, address: sdk.AccAddress(key.PubKey().Address())}, nil
}

func (e *environment) refreshAccount(s *sender) error {
	res, err := authtypes.NewQueryClient(e.grpc).AccountInfo(context.Background(),
		&authtypes.QueryAccountInfoRequest{Address: s.address.String()})
	if err != nil {
		return fmt.Errorf("account of %s: %w", s.name, err)
	}
	s.number, s.sequence = res.Info.AccountNumber, res.Info.Sequence
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

type appOptions map[string]any

func (o appOptions) Get(key string) any { return o[key] }
