package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/app/apptest"
)

func send(from, to apptest.Account, amount int64) sdk.Msg {
	return banktypes.NewMsgSend(from.Address, to.Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, amount)))
}

func sequenceOf(t *testing.T, c *apptest.Chain, a apptest.Account) uint64 {
	seq, err := c.App.AccountKeeper.GetSequence(c.QueryContext(), a.Address)
	require.NoError(t, err)
	return seq
}

// requireAllSucceed commits txs in one block and requires every one to pass.
func requireAllSucceed(t *testing.T, c *apptest.Chain, txs [][]byte) {
	t.Helper()
	res := c.NextBlock(txs...)
	require.Len(t, res.TxResults, len(txs))
	for i, r := range res.TxResults {
		require.Zero(t, r.Code, "tx %d: %s", i, r.Log)
	}
}

func TestProposalPutsEachSendersTransactionsInSequenceOrder(t *testing.T) {
	c := apptest.NewChain(t, []string{"city"}, []string{"alice", "bob"})
	alice, bob := c.Accounts[0], c.Accounts[1]
	a, b := sequenceOf(t, c, alice), sequenceOf(t, c, bob)
	a0, a1, a2 := c.SignAt(alice, a, send(alice, bob, 1)), c.SignAt(alice, a+1, send(alice, bob, 2)), c.SignAt(alice, a+2, send(alice, bob, 3))
	b0, b1 := c.SignAt(bob, b, send(bob, alice, 1)), c.SignAt(bob, b+1, send(bob, alice, 2))

	// As a mempool whose CheckTx results landed out of order holds them.
	mempool := [][]byte{a2, b0, a0, b1, a1}
	proposal := c.Propose(mempool...)
	require.Equal(t, [][]byte{a0, b0, a1, b1, a2}, proposal, "each sender's in sequence order, in the slots the sender held")
	requireAllSucceed(t, c, proposal)
	require.Equal(t, a+3, sequenceOf(t, c, alice))
	require.Equal(t, b+2, sequenceOf(t, c, bob))
}

func TestProposalInMempoolOrderWouldFail(t *testing.T) {
	// What the ordering prevents: the later sequence first fails, and so
	// does every later transaction of the sender.
	c := apptest.NewChain(t, []string{"city"}, []string{"alice", "bob"})
	alice, bob := c.Accounts[0], c.Accounts[1]
	a := sequenceOf(t, c, alice)
	res := c.NextBlock(c.SignAt(alice, a+1, send(alice, bob, 2)), c.SignAt(alice, a, send(alice, bob, 1)), c.SignAt(alice, a+2, send(alice, bob, 3)))
	codes := []uint32{res.TxResults[0].Code, res.TxResults[1].Code, res.TxResults[2].Code}
	require.NotZero(t, codes[0])
	require.Zero(t, codes[1])
	require.NotZero(t, codes[2])
}

func TestProposalDropsWhatCanOnlyFailOnSequence(t *testing.T) {
	c := apptest.NewChain(t, []string{"city"}, []string{"alice", "bob"})
	alice, bob := c.Accounts[0], c.Accounts[1]
	stale := c.Sign(alice, send(alice, bob, 9))
	c.MustDeliver(alice, send(alice, bob, 1))
	a := sequenceOf(t, c, alice)
	first, twin := c.SignAt(alice, a, send(alice, bob, 2)), c.SignAt(alice, a, send(alice, bob, 3))
	next := c.SignAt(alice, a+1, send(alice, bob, 4))
	afterGap := c.SignAt(alice, a+3, send(alice, bob, 5))
	fromBob := c.Sign(bob, send(bob, alice, 1))

	proposal := c.Propose(afterGap, stale, fromBob, next, first, twin)
	require.Equal(t, [][]byte{first, next, fromBob}, proposal,
		"the stale sequence, the second use of one and the one after a gap are left out")
	requireAllSucceed(t, c, proposal)
	require.Equal(t, a+2, sequenceOf(t, c, alice))

	// What was left out and can still run goes in a later block.
	missing := c.SignAt(alice, a+2, send(alice, bob, 6))
	later := c.Propose(afterGap, missing)
	require.Equal(t, [][]byte{missing, afterGap}, later)
	requireAllSucceed(t, c, later)
}

func TestProposalLeavesMultiSignerAndUnorderedTransactionsInPlace(t *testing.T) {
	c := apptest.NewChain(t, []string{"city"}, []string{"alice", "bob", "carol"})
	alice, bob, carol := c.Accounts[0], c.Accounts[1], c.Accounts[2]
	a, b := sequenceOf(t, c, alice), sequenceOf(t, c, bob)

	// Bob signs a transaction with Alice, so neither's are moved.
	joint := c.SignBy([]apptest.TxSigner{{Account: alice, Sequence: a + 1}, {Account: bob, Sequence: b}}, false, send(alice, carol, 1), send(bob, carol, 1))
	aliceFirst := c.SignAt(alice, a, send(alice, carol, 2))
	bobNext := c.SignAt(bob, b+1, send(bob, carol, 2))
	mempool := [][]byte{joint, bobNext, aliceFirst}
	require.Equal(t, mempool, c.Propose(mempool...))

	// An unordered transaction is bound to no sequence; Carol's ordered
	// ones around it are sorted.
	cs := sequenceOf(t, c, carol)
	unordered := c.SignBy([]apptest.TxSigner{{Account: carol}}, true, send(carol, alice, 1))
	c0, c1 := c.SignAt(carol, cs, send(carol, alice, 2)), c.SignAt(carol, cs+1, send(carol, alice, 3))
	proposal := c.Propose(c1, unordered, c0)
	require.Equal(t, [][]byte{c0, unordered, c1}, proposal)
	requireAllSucceed(t, c, proposal)
}
