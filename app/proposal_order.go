package app

import (
	"cmp"
	"context"
	"slices"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// sequenceOrderedProposals is the proposer's PrepareProposal: it hands next
// the mempool's transactions with every sender's in sequence order, and
// without those that could only fail on their sequence.
//
// CometBFT's mempool can hold one sender's transactions out of order: a node
// checks transactions from its peers concurrently, and the app's CheckTx
// runs in order while the mempool appends its results in whatever order the
// scheduler lets them land (tendermint/tendermint#6219). Under load on busy
// cores a block then carries a sender's sequence n+1 before n: n+1 fails,
// every later one of that sender in the block fails, and the transactions
// still in the mempools fail their recheck and are evicted, although
// CheckTx accepted them all. A client sees its transactions vanish.
func sequenceOrderedProposals(accounts sequenceSource, decode sdk.TxDecoder, next sdk.PrepareProposalHandler) sdk.PrepareProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		ordered := *req
		ordered.Txs = inSequenceOrder(ctx, accounts, decode, req.Txs)
		return next(ctx, &ordered)
	}
}

// sequenceSource is the account state inSequenceOrder reads.
type sequenceSource interface {
	GetSequence(ctx context.Context, addr sdk.AccAddress) (uint64, error)
}

// sequencedTx is one single-signer transaction in a proposal.
type sequencedTx struct {
	slot     int // its position in the mempool's order
	sequence uint64
	bz       []byte
}

// inSequenceOrder returns txs with each single signer's transactions sorted
// by sequence into the positions they held, so the interleaving of senders
// is the mempool's. Of a sender's transactions it keeps those that continue
// the account's sequence without a gap: a duplicate or a gap could only
// fail, and a dropped transaction stays in the mempool for a later block if
// it is still valid then. Transactions it cannot read, unordered ones, and
// those of signers who also sign a multi-signer transaction here keep their
// place untouched: the app's checks decide about them as before.
func inSequenceOrder(ctx sdk.Context, accounts sequenceSource, decode sdk.TxDecoder, txs [][]byte) [][]byte {
	var signers []string // in order of first appearance
	bySigner := map[string][]sequencedTx{}
	cosigners := map[string]bool{}
	for i, bz := range txs {
		signer, sequence, single := soleSigner(decode, bz, cosigners)
		if !single {
			continue
		}
		if _, seen := bySigner[signer]; !seen {
			signers = append(signers, signer)
		}
		bySigner[signer] = append(bySigner[signer], sequencedTx{slot: i, sequence: sequence, bz: bz})
	}
	out := slices.Clone(txs)
	for _, signer := range signers {
		if cosigners[signer] {
			continue
		}
		group := bySigner[signer]
		slots := make([]int, len(group))
		for i, t := range group {
			slots[i] = t.slot
			out[t.slot] = nil
		}
		slices.SortStableFunc(group, func(a, b sequencedTx) int { return cmp.Compare(a.sequence, b.sequence) })
		expected, err := accounts.GetSequence(ctx, sdk.AccAddress(signer))
		if err != nil {
			// The account is unreadable here: leave its transactions for
			// the app's checks to judge, in sequence order.
			expected = group[0].sequence
		}
		kept := 0
		for _, t := range group {
			if t.sequence > expected {
				break
			}
			if t.sequence == expected {
				out[slots[kept]] = t.bz
				kept++
				expected++
			}
		}
	}
	return slices.DeleteFunc(out, func(bz []byte) bool { return bz == nil })
}

// soleSigner returns the signer and sequence of a transaction that one
// account signs and that is bound to its sequence. The signers of
// multi-signer transactions are added to cosigners.
func soleSigner(decode sdk.TxDecoder, bz []byte, cosigners map[string]bool) (string, uint64, bool) {
	tx, err := decode(bz)
	if err != nil {
		return "", 0, false
	}
	if u, ok := tx.(sdk.TxWithUnordered); ok && u.GetUnordered() {
		return "", 0, false
	}
	sigTx, ok := tx.(authsigning.SigVerifiableTx)
	if !ok {
		return "", 0, false
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		return "", 0, false
	}
	sigs, err := sigTx.GetSignaturesV2()
	if err != nil || len(sigs) != len(signers) {
		return "", 0, false
	}
	if len(signers) != 1 {
		for _, s := range signers {
			cosigners[string(s)] = true
		}
		return "", 0, false
	}
	return string(signers[0]), sigs[0].Sequence, true
}
