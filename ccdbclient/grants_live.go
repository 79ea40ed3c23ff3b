package ccdbclient

import (
	"context"
	"slices"
	"time"

	"github.com/msec-city/msec/ccdbquery"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// live says whether a grant still covers new versions and records at now.
func live(g ccdbtypes.Grant, now time.Time) bool {
	return g.Status == ccdbtypes.GRANT_STATUS_ACTIVE && now.Before(g.ExpiresAt)
}

// tagGrantees are the grantees of the caller's live tag-scoped grants whose
// tag is one of tags: a new record with these tags must carry an envelope
// for each.
func (c *Client) tagGrantees(ctx context.Context, tags []string) ([]string, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	grants, err := ccdbquery.GrantsByOwner(ctx, c.Query, c.Account)
	if err != nil {
		return nil, queryError("your grants", err)
	}
	var grantees []string
	for _, g := range grants {
		if g.Scope.Tag != "" && slices.Contains(tags, g.Scope.Tag) && live(g, c.Now()) && !slices.Contains(grantees, g.Grantee) {
			grantees = append(grantees, g.Grantee)
		}
	}
	return grantees, nil
}

// recordGrantees are the grantees of every live grant covering a record:
// a new version must carry an envelope for each.
func (c *Client) recordGrantees(ctx context.Context, recordID uint64) ([]string, error) {
	res, err := c.Query.LiveGrantees(ctx, &ccdbtypes.QueryLiveGranteesRequest{RecordId: recordID})
	if err != nil {
		return nil, queryError("the record's live grants", err)
	}
	return res.Grantees, nil
}

// covers says whether g lets its grantee read r.
func covers(g ccdbtypes.Grant, r ccdbtypes.Record) bool {
	if g.Scope.RecordId != 0 {
		return g.Scope.RecordId == r.Id
	}
	return g.Owner == r.Owner && slices.Contains(r.Tags, g.Scope.Tag)
}
