package types

import (
	"fmt"
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"
)

// Live returns nil if the grant may be used at now, or the error naming why
// not. A grant past its expiry is dead even before EndBlock marks it EXPIRED.
func (g Grant) Live(now time.Time) error {
	switch g.Status {
	case GRANT_STATUS_ACTIVE:
	case GRANT_STATUS_REVOKED:
		return errorsmod.Wrapf(ErrGrantRevoked, "grant %d", g.Id)
	case GRANT_STATUS_EXPIRED:
		return errorsmod.Wrapf(ErrGrantExpired, "grant %d expired at %s", g.Id, g.ExpiresAt.UTC().Format(time.RFC3339))
	case GRANT_STATUS_EXHAUSTED:
		return errorsmod.Wrapf(ErrGrantExhausted, "grant %d used %d of %d times", g.Id, g.Uses, g.MaxUses)
	case GRANT_STATUS_ENDED_BY_ERASURE:
		return errorsmod.Wrapf(ErrGrantEndedByErasure, "grant %d", g.Id)
	default:
		return fmt.Errorf("grant %d has status %s", g.Id, g.Status)
	}
	if !now.Before(g.ExpiresAt) {
		return errorsmod.Wrapf(ErrGrantExpired, "grant %d expired at %s", g.Id, g.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if g.MaxUses > 0 && g.Uses >= g.MaxUses {
		return errorsmod.Wrapf(ErrGrantExhausted, "grant %d used %d of %d times", g.Id, g.Uses, g.MaxUses)
	}
	return nil
}

// Covers says whether the grant's scope includes the record: its own record,
// or any record of the grant's owner that carries the grant's tag.
func (g Grant) Covers(r Record) bool {
	if g.Scope.IsTag() {
		return r.Owner == g.Owner && slices.Contains(r.Tags, g.Scope.Tag)
	}
	return g.Scope.RecordId == r.Id
}

// EndedTrailKind is the audit-trail entry of a grant ending with status.
func EndedTrailKind(status GrantStatus) TrailEventKind {
	switch status {
	case GRANT_STATUS_REVOKED:
		return TRAIL_EVENT_KIND_GRANT_REVOKED
	case GRANT_STATUS_EXPIRED:
		return TRAIL_EVENT_KIND_GRANT_EXPIRED
	case GRANT_STATUS_EXHAUSTED:
		return TRAIL_EVENT_KIND_GRANT_EXHAUSTED
	case GRANT_STATUS_ENDED_BY_ERASURE:
		return TRAIL_EVENT_KIND_GRANT_ENDED_BY_ERASURE
	}
	return TRAIL_EVENT_KIND_UNSPECIFIED
}
