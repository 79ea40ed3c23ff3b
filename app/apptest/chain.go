// Package apptest runs the real msec app in-process behind real ABCI calls
// (InitChain, FinalizeBlock, Commit) with signed transactions, for
// integration tests of every module.
package apptest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"

	"github.com/cosmos/cosmos-sdk/client/flags"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/msec-city/msec/app"
	consortiumtypes "github.com/msec-city/msec/x/consortium/types"
)

// ChainID of every test chain.
const ChainID = "msec-test-1"

// BlockInterval is how far block time moves per block.
const BlockInterval = 2 * time.Second

// VotingPeriod is the gov voting period of test chains.
const VotingPeriod = 10 * time.Second

// Account is a funded account with its signing key.
type Account struct {
	Name    string
	Key     *secp256k1.PrivKey
	Address sdk.AccAddress
}

// Member is a consortium member: its account and its validator key.
type Member struct {
	Account
	ConsensusKey cmted25519.PrivKey
	NodeID       string
	Power        int64
}

// Chain is one in-process msec node driven block by block.
type Chain struct {
	t      testing.TB
	db     dbm.DB
	home   string
	App    *app.App
	Height int64
	Time   time.Time
	// Members are the genesis members; Accounts are funded non-members.
	Members  []Member
	Accounts []Account
	// ValidatorUpdates are those returned by the last InitChain/FinalizeBlock.
	ValidatorUpdates []abci.ValidatorUpdate
	options          Options
	// results and committed serve CometClient.
	results   map[int64]*abci.ResponseFinalizeBlock
	committed map[string]committedTx
}

func init() { app.SetAddressPrefixes() }

// NewAccount derives a deterministic account from a name.
func NewAccount(name string) Account {
	seed := sha256.Sum256([]byte("account/" + name))
	key := secp256k1.GenPrivKeyFromSecret(seed[:])
	return Account{Name: name, Key: key, Address: sdk.AccAddress(key.PubKey().Address())}
}

// NewMember derives a deterministic member from a name.
func NewMember(name string, power int64) Member {
	seed := sha256.Sum256([]byte("validator/" + name))
	node := sha256.Sum256([]byte("node/" + name))
	return Member{
		Account:      NewAccount(name),
		ConsensusKey: cmted25519.GenPrivKeyFromSecret(seed[:]),
		NodeID:       hex.EncodeToString(node[:20]),
		Power:        power,
	}
}

// ConsortiumMember is m as the consortium stores it.
func (m Member) ConsortiumMember() consortiumtypes.Member {
	return consortiumtypes.Member{
		Address:         m.Address.String(),
		Name:            m.Name,
		NodeIds:         []string{m.NodeID},
		ConsensusPubkey: m.ConsensusKey.PubKey().Bytes(),
		Power:           m.Power,
		Status:          consortiumtypes.MEMBER_STATUS_ACTIVE,
	}
}

// Options set up a test chain's app beyond the defaults.
type Options struct {
	// Logger receives the app's logs; none are kept by default.
	Logger log.Logger
	// BaseApp are options besides the chain ID, as msecd takes them from
	// app.toml.
	BaseApp []func(*baseapp.BaseApp)
}

// NewChain starts a chain whose genesis has the given members (power 10
// each) and extra funded accounts, runs InitChain and commits block 1.
func NewChain(t testing.TB, memberNames []string, accountNames []string) *Chain {
	t.Helper()
	return NewChainWith(t, memberNames, accountNames, Options{})
}

// NewChainWith is NewChain with the app set up by o.
func NewChainWith(t testing.TB, memberNames []string, accountNames []string, o Options) *Chain {
	t.Helper()
	if o.Logger == nil {
		o.Logger = log.NewNopLogger()
	}
	c := &Chain{t: t, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), options: o}
	for _, n := range memberNames {
		c.Members = append(c.Members, NewMember(n, 10))
	}
	for _, n := range accountNames {
		c.Accounts = append(c.Accounts, NewAccount(n))
	}
	c.db, c.home = dbm.NewMemDB(), t.TempDir()
	c.App = c.newApp()

	res, err := c.App.InitChain(&abci.RequestInitChain{
		ChainId:         ChainID,
		Time:            c.Time,
		InitialHeight:   1,
		ConsensusParams: ptr(cmttypes.DefaultConsensusParams().ToProto()),
		AppStateBytes:   c.genesis(),
	})
	require.NoError(t, err)
	c.ValidatorUpdates = res.Validators
	c.NextBlock()
	return c
}

func (c *Chain) newApp() *app.App {
	opts := append([]func(*baseapp.BaseApp){baseapp.SetChainID(ChainID)}, c.options.BaseApp...)
	return app.New(c.options.Logger, c.db, true, appOptions{flags.FlagHome: c.home}, opts...)
}

// Restart replaces the app with a new one over the same database, as a node
// restart does: state is loaded from the last commit.
func (c *Chain) Restart() {
	c.App = c.newApp()
}

func (c *Chain) genesis() []byte {
	cdc := c.App.AppCodec()
	state := c.App.DefaultGenesis()

	var auth authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &auth)
	var bank banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bank)
	var consortium consortiumtypes.GenesisState
	cdc.MustUnmarshalJSON(state[consortiumtypes.ModuleName], &consortium)

	funds := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000_000_000))
	var accounts []authtypes.GenesisAccount
	fund := func(a Account) {
		accounts = append(accounts, authtypes.NewBaseAccount(a.Address, nil, uint64(len(accounts)), 0))
		bank.Balances = append(bank.Balances, banktypes.Balance{Address: a.Address.String(), Coins: funds})
	}
	for _, m := range c.Members {
		fund(m.Account)
		consortium.Members = append(consortium.Members, m.ConsortiumMember())
	}
	for _, a := range c.Accounts {
		fund(a)
	}
	packed, err := authtypes.PackAccounts(accounts)
	require.NoError(c.t, err)
	auth.Accounts = packed
	bank.Supply = nil // recomputed by bank's InitGenesis

	var gov govv1.GenesisState
	cdc.MustUnmarshalJSON(state[govtypes.ModuleName], &gov)
	voting := VotingPeriod
	gov.Params.VotingPeriod = &voting
	expedited := VotingPeriod / 2
	gov.Params.ExpeditedVotingPeriod = &expedited

	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&auth)
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bank)
	state[consortiumtypes.ModuleName] = cdc.MustMarshalJSON(&consortium)
	state[govtypes.ModuleName] = cdc.MustMarshalJSON(&gov)
	bz, err := json.Marshal(state)
	require.NoError(c.t, err)
	return bz
}

// NextBlock finalizes and commits a block with the given transactions and
// returns CometBFT's view of the result.
func (c *Chain) NextBlock(txs ...[]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	c.Height++
	c.Time = c.Time.Add(BlockInterval)
	return c.finalize(txs)
}

// NextDecidedBlock is NextBlock as a validator lives a height: it accepts
// the proposal of the transactions proposed (ProcessProposal, which starts
// optimistic execution where that is on), then the validators decide on
// txs: the same block, or another one from a round this node did not see.
func (c *Chain) NextDecidedBlock(proposed [][]byte, txs ...[]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	c.Height++
	c.Time = c.Time.Add(BlockInterval)
	res, err := c.App.ProcessProposal(&abci.RequestProcessProposal{
		Height: c.Height, Time: c.Time, Txs: proposed, Hash: blockHash(c.Height, proposed),
	})
	require.NoError(c.t, err)
	require.Equal(c.t, abci.ResponseProcessProposal_ACCEPT, res.Status)
	return c.finalize(txs)
}

// blockHash stands in for the hash of the block of txs at height, which
// is what tells the app whether the block decided is the one it executed
// optimistically.
func blockHash(height int64, txs [][]byte) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%d", height)
	for _, tx := range txs {
		sum := sha256.Sum256(tx)
		h.Write(sum[:])
	}
	return h.Sum(nil)
}

// finalize finalizes and commits the block of txs at c.Height and c.Time.
func (c *Chain) finalize(txs [][]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	res, err := c.App.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: c.Height,
		Time:   c.Time,
		Txs:    txs,
		Hash:   blockHash(c.Height, txs),
	})
	require.NoError(c.t, err)
	_, err = c.App.Commit()
	require.NoError(c.t, err)
	c.record(txs, res)
	c.ValidatorUpdates = res.ValidatorUpdates
	return res
}

// Propose is what this node, as the proposer of the next block, makes of
// the mempool's transactions txs (PrepareProposal).
func (c *Chain) Propose(txs ...[]byte) [][]byte {
	c.t.Helper()
	res, err := c.App.PrepareProposal(&abci.RequestPrepareProposal{
		Height: c.Height + 1, Time: c.Time.Add(BlockInterval), Txs: txs, MaxTxBytes: 1 << 20,
	})
	require.NoError(c.t, err)
	return res.Txs
}

// AdvancePast moves block time past d, one block at a time, and returns the
// validator updates seen on the way.
func (c *Chain) AdvancePast(d time.Duration) []abci.ValidatorUpdate {
	c.t.Helper()
	var updates []abci.ValidatorUpdate
	end := c.Time.Add(d)
	for !c.Time.After(end) {
		updates = append(updates, c.NextBlock().ValidatorUpdates...)
	}
	return updates
}

// Sign builds a transaction of msgs signed by a (SIGN_MODE_DIRECT).
func (c *Chain) Sign(a Account, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	return c.SignWithMode(signing.SignMode_SIGN_MODE_DIRECT, a, msgs...)
}

// SignWithMode builds a transaction of msgs signed by a in the given mode,
// e.g. SIGN_MODE_LEGACY_AMINO_JSON as Ledger and Keplr sign.
func (c *Chain) SignWithMode(mode signing.SignMode, a Account, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	return c.sign(mode, a, nil, msgs...)
}

// SignAt builds a transaction of msgs signed by a at the given sequence
// rather than the account's current one: a client's later transactions,
// signed before the earlier ones commit.
func (c *Chain) SignAt(a Account, sequence uint64, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	return c.sign(signing.SignMode_SIGN_MODE_DIRECT, a, &sequence, msgs...)
}

// TxSigner is one signer of a transaction and the sequence it signs at.
type TxSigner struct {
	Account  Account
	Sequence uint64
}

// SignBy builds a transaction of msgs signed by every signer at its
// sequence (SIGN_MODE_DIRECT); an unordered one is bound to a timeout a
// minute after the last block instead of to the sequences.
func (c *Chain) SignBy(signers []TxSigner, unordered bool, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	return c.build(signing.SignMode_SIGN_MODE_DIRECT, signers, unordered, msgs...)
}

func (c *Chain) sign(mode signing.SignMode, a Account, sequence *uint64, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	seq := c.account(a).GetSequence()
	if sequence != nil {
		seq = *sequence
	}
	return c.build(mode, []TxSigner{{a, seq}}, false, msgs...)
}

func (c *Chain) account(a Account) sdk.AccountI {
	c.t.Helper()
	acc := c.App.AccountKeeper.GetAccount(c.QueryContext(), a.Address)
	require.NotNil(c.t, acc, "account %s does not exist", a.Name)
	return acc
}

func (c *Chain) build(mode signing.SignMode, signers []TxSigner, unordered bool, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	txConfig := c.App.TxConfig()
	builder := txConfig.NewTxBuilder()
	require.NoError(c.t, builder.SetMsgs(msgs...))
	builder.SetGasLimit(10_000_000)
	builder.SetFeeAmount(sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000)))
	if unordered {
		builder.SetUnordered(true)
		builder.SetTimeoutTimestamp(c.Time.Add(time.Minute))
	}
	// Every signer's entry goes in before any signs: each signs them all.
	empty := make([]signing.SignatureV2, len(signers))
	for i, s := range signers {
		empty[i] = signing.SignatureV2{PubKey: s.Account.Key.PubKey(), Data: &signing.SingleSignatureData{SignMode: mode}, Sequence: s.Sequence}
	}
	require.NoError(c.t, builder.SetSignatures(empty...))
	sigs := make([]signing.SignatureV2, len(signers))
	for i, s := range signers {
		sig, err := clienttx.SignWithPrivKey(context.Background(), mode,
			authsigning.SignerData{
				Address: s.Account.Address.String(), ChainID: ChainID, AccountNumber: c.account(s.Account).GetAccountNumber(),
				Sequence: s.Sequence, PubKey: s.Account.Key.PubKey(),
			}, builder, s.Account.Key, txConfig, s.Sequence)
		require.NoError(c.t, err)
		sigs[i] = sig
	}
	require.NoError(c.t, builder.SetSignatures(sigs...))
	bz, err := txConfig.TxEncoder()(builder.GetTx())
	require.NoError(c.t, err)
	return bz
}

// Deliver signs msgs by a, commits them in one block and returns the result.
func (c *Chain) Deliver(a Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	c.t.Helper()
	res := c.NextBlock(c.Sign(a, msgs...))
	require.Len(c.t, res.TxResults, 1)
	return res.TxResults[0]
}

// MustDeliver is Deliver that fails the test unless the transaction succeeds.
func (c *Chain) MustDeliver(a Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	c.t.Helper()
	res := c.Deliver(a, msgs...)
	require.Zero(c.t, res.Code, "tx failed: %s", res.Log)
	return res
}

// QueryContext is a context on the last committed state.
func (c *Chain) QueryContext() sdk.Context {
	ctx, err := c.App.CreateQueryContext(0, false)
	require.NoError(c.t, err)
	return ctx
}

// Event returns the attributes of the first event of the given type.
func Event(res *abci.ExecTxResult, eventType string) (map[string]string, error) {
	for _, e := range res.Events {
		if e.Type == eventType {
			attrs := map[string]string{}
			for _, a := range e.Attributes {
				attrs[a.Key] = a.Value
			}
			return attrs, nil
		}
	}
	return nil, fmt.Errorf("no %s event", eventType)
}

type appOptions map[string]any

func (o appOptions) Get(key string) any { return o[key] }

func ptr[T any](v T) *T { return &v }
