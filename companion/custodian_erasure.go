package companion

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ipfs/go-cid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/msec-city/msec/ccdbquery"
	"github.com/msec-city/msec/ipfsnode"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// erase carries out an erasure on this node: every envelope of the record
// (the owner's and every grantee's, of every version) and every version's
// ciphertext is unpinned, whatever the reason it was kept for (uploads not
// yet collected included), then garbage-collected; the attestation is
// queued for the operator key.
func (s *Service) erase(ctx context.Context, recordID uint64) error {
	targets, err := s.erasureTargets(ctx, recordID)
	if err != nil {
		return err
	}
	pins, err := s.store.Pins(ctx)
	if err != nil {
		return err
	}
	prefixes := recordPrefixes(recordID)
	var versions, envelopes uint64
	for _, p := range pins {
		isEnvelope, targeted := targets[p.Root]
		var drop []string
		for _, reason := range p.Reasons {
			_, isUpload := uploadDeadline(reason)
			if (targeted && isUpload) || hasAnyPrefix(reason, prefixes) {
				drop = append(drop, reason)
			}
		}
		for _, reason := range drop {
			if _, err := s.unpin(ctx, p.Root, reason); err != nil {
				return err
			}
		}
		switch {
		case len(drop) == 0:
		case isEnvelope || slices.ContainsFunc(drop, func(r string) bool { return strings.HasPrefix(r, reasonEnvelopePrefix) }):
			envelopes++
		default:
			versions++
		}
	}
	if err := s.dropRetries(recordID); err != nil {
		return err
	}
	s.unpinned = true // collect even if this node held nothing: a failed upload may be lying around
	gc, err := s.collect(ctx)
	if err != nil {
		return err
	}
	statement := fmt.Sprintf("unpinned %d ciphertext(s) and %d envelope(s) of record %d; garbage collection removed %d blocks (%d bytes)",
		versions, envelopes, recordID, gc.RemovedBlocks, gc.RemovedBytes)
	s.logger.Info("custodian erased a record", "record", recordID, "statement", statement)
	if !slices.ContainsFunc(s.state.Attestations, func(a pendingAttestation) bool { return a.RecordID == recordID }) {
		s.state.Attestations = append(s.state.Attestations, pendingAttestation{
			RecordID: recordID, BlocksDeleted: gc.RemovedBlocks, EnvelopesDeleted: envelopes, Statement: statement,
		})
	}
	return nil
}

// dropRetries forgets the queued pins of an erased record: its content is
// being deleted everywhere, so looking for it again would only cost the
// members fetches.
func (s *Service) dropRetries(recordID uint64) error {
	retries, err := s.state.pinRetries()
	if err != nil {
		return err
	}
	for _, p := range retries {
		if p.RecordID != recordID {
			continue
		}
		if err := s.state.deleteRetry(p); err != nil {
			return err
		}
	}
	return nil
}

// erasureTargets are the CIDs the chain says belong to a record: every
// version's ciphertext (false) and every envelope committed for it (true).
func (s *Service) erasureTargets(ctx context.Context, recordID uint64) (map[cid.Cid]bool, error) {
	q := ccdbtypes.NewQueryClient(s.chain)
	versions, err := ccdbquery.Versions(ctx, q, recordID)
	if err != nil {
		return nil, err
	}
	grants, err := ccdbquery.GrantsByRecord(ctx, q, recordID)
	if err != nil {
		return nil, err
	}
	grantees := []string{}
	for _, g := range grants {
		if !slices.Contains(grantees, g.Grantee) {
			grantees = append(grantees, g.Grantee)
		}
	}
	targets := map[cid.Cid]bool{}
	for _, v := range versions {
		root, err := ipfsnode.ParseCID(v.Cid)
		if err != nil {
			return nil, err
		}
		targets[root] = false
		commitments := [][]byte{v.OwnerEnvelopeCommitment}
		for _, g := range grantees {
			res, err := q.EnvelopeCommitment(ctx, &ccdbtypes.QueryEnvelopeCommitmentRequest{RecordId: recordID, Version: v.Version, Grantee: g})
			if status.Code(err) == codes.NotFound {
				continue
			}
			if err != nil {
				return nil, err
			}
			commitments = append(commitments, res.Envelope.Commitment)
		}
		for _, c := range commitments {
			env, err := EnvelopeCID(c)
			if err != nil {
				return nil, err
			}
			targets[env] = true
		}
	}
	return targets, nil
}

// retryAttestations submits the attestations of erasures carried out here.
// One already on chain, or refused because this operator is not an active
// member, is dropped; a failure to reach the chain is retried next pass.
// Without an operator key they stay queued (in the saved state), so a key
// configured later still attests them.
func (s *Service) retryAttestations(ctx context.Context) {
	if s.attester == nil {
		if len(s.state.Attestations) > 0 && !s.warnedNoAttester {
			s.logger.Warn("erasures carried out but not attested: set companion.operator_key and restart",
				"pending", len(s.state.Attestations))
			s.warnedNoAttester = true
		}
		return
	}
	s.state.Attestations = slices.DeleteFunc(s.state.Attestations, func(a pendingAttestation) bool {
		q := ccdbtypes.NewQueryClient(s.chain)
		st, err := q.ErasureStatus(ctx, &ccdbtypes.QueryErasureStatusRequest{RecordId: a.RecordID})
		if err != nil {
			s.logger.Error("checking an erasure before attesting", "record", a.RecordID, "err", err)
			return false
		}
		if slices.ContainsFunc(st.Attestations, func(e ccdbtypes.ErasureAttestation) bool { return e.Custodian == s.attester.Address() }) {
			return true
		}
		err = s.attester.Attest(ctx, &ccdbtypes.MsgAttestErasure{
			Custodian: s.attester.Address(), RecordId: a.RecordID, BlocksDeleted: a.BlocksDeleted,
			EnvelopesDeleted: a.EnvelopesDeleted, Statement: a.Statement,
		})
		switch {
		case err == nil:
			s.logger.Info("custodian attested an erasure", "record", a.RecordID, "custodian", s.attester.Address())
			return true
		case txsubmit.IsError(err, ccdbtypes.ErrNotCustodian), txsubmit.IsError(err, ccdbtypes.ErrDuplicateAttest):
			s.logger.Warn("erasure attestation refused; not retrying", "record", a.RecordID, "err", err)
			return true
		default:
			s.logger.Error("erasure attestation failed; will retry", "record", a.RecordID, "err", err)
			return false
		}
	})
}

func hasAnyPrefix(s string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}
