package companion

import (
	"context"
	"slices"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/msec-city/msec/ccdbquery"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// grantEnded deletes the envelopes a grant no longer needs. A grant
// exhausted by a read still authorizes that read's download for
// receipt_validity, so its envelopes go only once that has passed.
func (s *Service) grantEnded(ctx context.Context, e *ccdbtypes.EventGrantEnded) error {
	if e.Status != ccdbtypes.GRANT_STATUS_EXHAUSTED {
		return s.dropGrantEnvelopes(ctx, e.GrantId, e.Grantee)
	}
	q := ccdbtypes.NewQueryClient(s.chain)
	g, err := q.Grant(ctx, &ccdbtypes.QueryGrantRequest{GrantId: e.GrantId})
	if err != nil {
		return err
	}
	p, err := q.Params(ctx, &ccdbtypes.QueryParamsRequest{})
	if err != nil {
		return err
	}
	drop := deferredDrop{GrantID: e.GrantId, Grantee: e.Grantee, Due: g.Grant.EndedTime.Add(p.Params.ReceiptValidity)}
	if !slices.Contains(s.state.DeferredDrops, drop) {
		s.state.DeferredDrops = append(s.state.DeferredDrops, drop)
	}
	return nil
}

// dropDue carries out the deferred deletions whose time has come (by the
// chain's clock).
func (s *Service) dropDue(ctx context.Context, chainNow time.Time) error {
	var keep []deferredDrop
	for _, d := range s.state.DeferredDrops {
		if chainNow.Before(d.Due) {
			keep = append(keep, d)
			continue
		}
		if err := s.dropGrantEnvelopes(ctx, d.GrantID, d.Grantee); err != nil {
			return err
		}
	}
	s.state.DeferredDrops = keep
	return nil
}

// dropGrantEnvelopes unpins the grantee's envelopes of every record the
// grant covered, except records another live grant of the same grantee
// still covers.
func (s *Service) dropGrantEnvelopes(ctx context.Context, grantID uint64, grantee string) error {
	q := ccdbtypes.NewQueryClient(s.chain)
	records, err := ccdbquery.RecordsByGrant(ctx, q, grantID)
	if err != nil {
		return err
	}
	dropped := 0
	for _, r := range records {
		covered, err := liveGrantCovers(ctx, q, r.Id, grantee)
		if err != nil {
			return err
		}
		if covered {
			continue
		}
		for v := uint64(1); v <= r.Version; v++ {
			res, err := q.EnvelopeCommitment(ctx, &ccdbtypes.QueryEnvelopeCommitmentRequest{RecordId: r.Id, Version: v, Grantee: grantee})
			if status.Code(err) == codes.NotFound {
				continue
			}
			if err != nil {
				return err
			}
			env, err := EnvelopeCID(res.Envelope.Commitment)
			if err != nil {
				return err
			}
			ok, err := s.drop(ctx, env, envelopeReason(r.Id, v, grantee))
			if err != nil {
				return err
			}
			if ok {
				dropped++
			}
		}
	}
	s.logger.Info("custodian deleted the envelopes of an ended grant", "grant", grantID, "grantee", grantee, "envelopes", dropped)
	return nil
}

// liveGrantCovers says whether a live grant of grantee still covers the
// record. The grant whose end is being handled is no longer live.
func liveGrantCovers(ctx context.Context, q ccdbtypes.QueryClient, recordID uint64, grantee string) (bool, error) {
	res, err := q.LiveGrantees(ctx, &ccdbtypes.QueryLiveGranteesRequest{RecordId: recordID})
	if err != nil {
		return false, err
	}
	return slices.Contains(res.Grantees, grantee), nil
}
