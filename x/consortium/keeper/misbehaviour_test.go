package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/comet"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/consortium/types"
)

// blockInfo is the evidence part of what CometBFT hands the app per block.
type blockInfo struct{ evidence []comet.Evidence }

func (b blockInfo) GetEvidence() comet.EvidenceList { return evidenceList(b.evidence) }
func (blockInfo) GetValidatorsHash() []byte         { return nil }
func (blockInfo) GetProposerAddress() []byte        { return nil }
func (blockInfo) GetLastCommit() comet.CommitInfo   { return nil }

type evidenceList []comet.Evidence

func (l evidenceList) Len() int                 { return len(l) }
func (l evidenceList) Get(i int) comet.Evidence { return l[i] }

type evidence struct {
	kind   comet.MisbehaviorType
	addr   []byte
	height int64
}

func (e evidence) Type() comet.MisbehaviorType { return e.kind }
func (e evidence) Validator() comet.Validator  { return validator{e.addr} }
func (e evidence) Height() int64               { return e.height }
func (e evidence) Time() time.Time             { return time.Unix(1700000000, 0).UTC() }
func (e evidence) TotalVotingPower() int64     { return 40 }

type validator struct{ addr []byte }

func (v validator) Address() []byte { return v.addr }
func (validator) Power() int64      { return 10 }

func withEvidence(ctx sdk.Context, ev ...comet.Evidence) sdk.Context {
	return ctx.WithCometInfo(blockInfo{evidence: ev})
}

func TestDuplicateVoteSuspendsMember(t *testing.T) {
	f := withMembers(t, 4)
	offender := member(3, 10)
	consAddr := types.ConsensusAddress(offender.ConsensusPubkey)
	ctx := withEvidence(f.ctx, evidence{kind: comet.DuplicateVote, addr: consAddr, height: 1})

	require.NoError(t, f.k.HandleEvidence(ctx))

	got, err := f.k.GetMember(ctx, mustBytes(t, offender.Address))
	require.NoError(t, err)
	require.Equal(t, types.MEMBER_STATUS_SUSPENDED, got.Status)
	require.Equal(t, int64(0), got.Power)

	record, err := f.k.Misbehaviours.Get(ctx, collections.Join(int64(1), consAddr))
	require.NoError(t, err)
	require.Equal(t, offender.Address, record.MemberAddress)
	require.Equal(t, types.MISBEHAVIOUR_KIND_DUPLICATE_VOTE, record.Kind)
	require.Equal(t, int64(10), record.PowerBefore)
	require.Equal(t, int64(2), record.RecordedHeight)

	requireEvent(t, ctx, "msec.consortium.v1.EventMisbehaviour")

	// CometBFT is told to drop the validator at the end of the block.
	updates, err := f.k.ApplyValidatorSetChanges(ctx)
	require.NoError(t, err)
	require.Len(t, updates, 1)
	require.Equal(t, int64(0), updates[0].Power)

	// The same evidence reported again is recorded once.
	require.NoError(t, f.k.HandleEvidence(ctx))
	n := 0
	require.NoError(t, f.k.Misbehaviours.Walk(ctx, nil, func(collections.Pair[int64, []byte], types.Misbehaviour) (bool, error) {
		n++
		return false, nil
	}))
	require.Equal(t, 1, n)

	// Governance reinstates the member explicitly.
	require.NoError(t, f.k.UpdateMember(ctx.WithBlockHeight(3), &types.MsgUpdateMember{
		Address: offender.Address, Name: offender.Name, NodeIds: offender.NodeIds, Power: 10,
	}))
	got, err = f.k.GetMember(ctx, mustBytes(t, offender.Address))
	require.NoError(t, err)
	require.Equal(t, types.MEMBER_STATUS_ACTIVE, got.Status)
}

func TestEvidenceAgainstUnknownValidatorIsRecorded(t *testing.T) {
	f := withMembers(t, 4)
	stranger := []byte("01234567890123456789")
	ctx := withEvidence(f.ctx, evidence{kind: comet.LightClientAttack, addr: stranger, height: 1})
	require.NoError(t, f.k.HandleEvidence(ctx))
	record, err := f.k.Misbehaviours.Get(ctx, collections.Join(int64(1), stranger))
	require.NoError(t, err)
	require.Empty(t, record.MemberAddress)
	require.Equal(t, types.MISBEHAVIOUR_KIND_LIGHT_CLIENT_ATTACK, record.Kind)
}

func TestLastValidatorIsNotSuspended(t *testing.T) {
	f := withMembers(t, 1)
	only := member(0, 10)
	ctx := withEvidence(f.ctx, evidence{kind: comet.DuplicateVote, addr: types.ConsensusAddress(only.ConsensusPubkey), height: 1})
	require.NoError(t, f.k.HandleEvidence(ctx))
	got, err := f.k.GetMember(ctx, mustBytes(t, only.Address))
	require.NoError(t, err)
	require.Equal(t, types.MEMBER_STATUS_ACTIVE, got.Status)
	require.Equal(t, int64(10), got.Power)
	_, err = f.k.Misbehaviours.Get(ctx, collections.Join(int64(1), types.ConsensusAddress(only.ConsensusPubkey)))
	require.NoError(t, err, "the misbehaviour is still recorded")
}

func TestUnknownEvidenceTypeIgnored(t *testing.T) {
	f := withMembers(t, 4)
	ctx := withEvidence(f.ctx, evidence{kind: comet.Unknown, addr: types.ConsensusAddress(member(0, 10).ConsensusPubkey), height: 1})
	require.NoError(t, f.k.HandleEvidence(ctx))
	got, err := f.k.GetMember(ctx, mustBytes(t, member(0, 10).Address))
	require.NoError(t, err)
	require.Equal(t, types.MEMBER_STATUS_ACTIVE, got.Status)
}

func requireEvent(t *testing.T, ctx sdk.Context, eventType string) {
	t.Helper()
	for _, e := range ctx.EventManager().Events() {
		if e.Type == eventType {
			return
		}
	}
	t.Fatalf("no %s event emitted", eventType)
}
