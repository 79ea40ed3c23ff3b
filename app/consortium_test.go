package app_test

import (
	"strconv"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/msec-city/msec/app"
	"github.com/msec-city/msec/app/apptest"
	consortiumtypes "github.com/msec-city/msec/x/consortium/types"
)

var govAuthority = authtypes.NewModuleAddress(govtypes.ModuleName).String()

func fourMembers(t *testing.T, accounts ...string) *apptest.Chain {
	return apptest.NewChain(t, []string{"city-office", "hospital", "utility", "transport"}, accounts)
}

// propose submits a proposal carrying msgs and returns its ID.
func propose(t *testing.T, c *apptest.Chain, proposer apptest.Account, msgs ...sdk.Msg) uint64 {
	t.Helper()
	deposit := sdk.NewCoins(sdk.NewCoin(app.BondDenom, app.DefaultGovMinDeposit))
	msg, err := govv1.NewMsgSubmitProposal(msgs, deposit, proposer.Address.String(), "", "consortium change", "test proposal", false)
	require.NoError(t, err)
	res := c.MustDeliver(proposer, msg)
	attrs, err := apptest.Event(res, govtypes.EventTypeSubmitProposal)
	require.NoError(t, err)
	id, err := strconv.ParseUint(attrs[govtypes.AttributeKeyProposalID], 10, 64)
	require.NoError(t, err)
	return id
}

func vote(t *testing.T, c *apptest.Chain, voter apptest.Account, id uint64) {
	t.Helper()
	c.MustDeliver(voter, govv1.NewMsgVote(voter.Address, id, govv1.OptionYes, ""))
}

func proposal(t *testing.T, c *apptest.Chain, id uint64) govv1.Proposal {
	t.Helper()
	p, err := c.App.GovKeeper.Proposals.Get(c.QueryContext(), id)
	require.NoError(t, err)
	return p
}

func validatorPowers(t *testing.T, c *apptest.Chain) map[string]int64 {
	t.Helper()
	vals, _, err := c.App.ConsortiumKeeper.ValidatorSet(c.QueryContext())
	require.NoError(t, err)
	out := map[string]int64{}
	for _, v := range vals {
		out[v.Name] = v.Power
	}
	return out
}

func addMemberMsg(m apptest.Member) *consortiumtypes.MsgAddMember {
	cm := m.ConsortiumMember()
	return &consortiumtypes.MsgAddMember{
		Authority: govAuthority, Address: cm.Address, Name: cm.Name, NodeIds: cm.NodeIds,
		ConsensusPubkey: cm.ConsensusPubkey, Power: cm.Power,
	}
}

func TestGenesisValidatorSet(t *testing.T) {
	c := fourMembers(t)
	require.Equal(t, map[string]int64{"city-office": 10, "hospital": 10, "utility": 10, "transport": 10}, validatorPowers(t, c))
}

func TestProposalAddsFifthMember(t *testing.T) {
	c := fourMembers(t)
	fifth := apptest.NewMember("university", 10)

	id := propose(t, c, c.Members[0].Account, addMemberMsg(fifth))
	for _, m := range c.Members[:3] {
		vote(t, c, m.Account, id)
	}
	updates := c.AdvancePast(apptest.VotingPeriod)

	require.Equal(t, govv1.StatusPassed, proposal(t, c, id).Status)
	require.Equal(t, []abci.ValidatorUpdate{abci.Ed25519ValidatorUpdate(fifth.ConsensusKey.PubKey().Bytes(), 10)}, updates,
		"CometBFT must be handed exactly the new validator")
	require.Equal(t, int64(10), validatorPowers(t, c)["university"])

	tally := proposal(t, c, id).FinalTallyResult
	require.Equal(t, "3", tally.YesCount, "one vote per member")
}

func TestNonMemberVotesCountForNothing(t *testing.T) {
	c := fourMembers(t, "citizen-1", "citizen-2", "citizen-3", "citizen-4")
	id := propose(t, c, c.Accounts[0], addMemberMsg(apptest.NewMember("university", 10)))
	// One member and four well-funded citizens vote yes.
	vote(t, c, c.Members[0].Account, id)
	for _, a := range c.Accounts {
		vote(t, c, a, id)
	}
	updates := c.AdvancePast(apptest.VotingPeriod)

	p := proposal(t, c, id)
	require.Equal(t, govv1.StatusRejected, p.Status, "1 of 4 members is below the 50%% quorum")
	require.Equal(t, "1", p.FinalTallyResult.YesCount)
	require.Empty(t, updates)
	require.Len(t, validatorPowers(t, c), 4)
}

func TestProposalChangingTooMuchPowerFails(t *testing.T) {
	c := fourMembers(t)
	// 20 of 40 in one block is more than a third.
	heavy := apptest.NewMember("heavyweight", 20)
	id := propose(t, c, c.Members[0].Account, addMemberMsg(heavy))
	for _, m := range c.Members {
		vote(t, c, m.Account, id)
	}
	updates := c.AdvancePast(apptest.VotingPeriod)

	p := proposal(t, c, id)
	require.Equal(t, govv1.StatusFailed, p.Status)
	require.Contains(t, p.FailedReason, consortiumtypes.ErrPowerChangeTooBig.Error())
	require.Empty(t, updates)
	require.Len(t, validatorPowers(t, c), 4)
}

func TestPeerFilterFollowsChainState(t *testing.T) {
	c := fourMembers(t)
	auditorNode := apptest.NewMember("auditor", 0).NodeID
	filter := func(id string) uint32 {
		res, err := c.App.Query(t.Context(), &abci.RequestQuery{Path: "/p2p/filter/id/" + id})
		require.NoError(t, err)
		return res.Code
	}
	require.Zero(t, filter(c.Members[1].NodeID), "member nodes are allowed")
	require.NotZero(t, filter(auditorNode), "unlisted nodes are refused")

	id := propose(t, c, c.Members[0].Account, &consortiumtypes.MsgRegisterObserverNode{
		Authority: govAuthority, NodeId: auditorNode, Owner: c.Members[0].Address.String(), Purpose: "auditor full node",
	})
	for _, m := range c.Members[:3] {
		vote(t, c, m.Account, id)
	}
	c.AdvancePast(apptest.VotingPeriod)
	require.Equal(t, govv1.StatusPassed, proposal(t, c, id).Status)
	require.Zero(t, filter(auditorNode), "a registered observer is allowed")

	// A restarted node answers from its committed state before any new block.
	c.Restart()
	require.Zero(t, filter(auditorNode), "allowed after a restart")
	require.NotZero(t, filter(apptest.NewMember("stranger", 0).NodeID), "refused after a restart")
}

func TestConsortiumMsgOutsideGovernanceIsRefused(t *testing.T) {
	c := fourMembers(t)
	msg := addMemberMsg(apptest.NewMember("sneaky", 1))
	msg.Authority = c.Members[0].Address.String()
	res := c.Deliver(c.Members[0].Account, msg)
	require.Equal(t, consortiumtypes.ModuleName, res.Codespace, "clients get the module's registered error")
	require.Equal(t, consortiumtypes.ErrUnauthorized.ABCICode(), res.Code)
	require.Contains(t, res.Log, consortiumtypes.ErrUnauthorized.Error())
}

// TestAminoJSONSignedProposal signs a consortium proposal and the votes the
// way Ledger, Keplr and CosmJS's amino signer do: the amino names of the
// consortium Msgs must be registered for the signature to verify.
func TestAminoJSONSignedProposal(t *testing.T) {
	c := fourMembers(t)
	deposit := sdk.NewCoins(sdk.NewCoin(app.BondDenom, app.DefaultGovMinDeposit))
	submit, err := govv1.NewMsgSubmitProposal([]sdk.Msg{addMemberMsg(apptest.NewMember("university", 10))}, deposit,
		c.Members[0].Address.String(), "", "amino", "signed as a hardware wallet would", false)
	require.NoError(t, err)
	amino := signing.SignMode_SIGN_MODE_LEGACY_AMINO_JSON
	res := c.NextBlock(c.SignWithMode(amino, c.Members[0].Account, submit)).TxResults[0]
	require.Zero(t, res.Code, res.Log)
	for _, m := range c.Members[:3] {
		res := c.NextBlock(c.SignWithMode(amino, m.Account, govv1.NewMsgVote(m.Address, 1, govv1.OptionYes, ""))).TxResults[0]
		require.Zero(t, res.Code, res.Log)
	}
	c.AdvancePast(apptest.VotingPeriod)
	require.Equal(t, govv1.StatusPassed, proposal(t, c, 1).Status)
	require.Equal(t, int64(10), validatorPowers(t, c)["university"])
}
