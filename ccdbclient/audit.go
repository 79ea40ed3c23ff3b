package ccdbclient

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/msec-city/msec/ccdbquery"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// TrailRow is one audit-trail entry as exported.
type TrailRow struct {
	Sequence    uint64    `json:"sequence"`
	Time        time.Time `json:"time"`
	Height      int64     `json:"height"`
	Event       string    `json:"event"`
	Actor       string    `json:"actor"`
	Version     uint64    `json:"version,omitempty"`
	GrantID     uint64    `json:"grant_id,omitempty"`
	RequestID   uint64    `json:"request_id,omitempty"`
	ReceiptID   uint64    `json:"receipt_id,omitempty"`
	EndedHeight int64     `json:"ended_height,omitempty"`
}

// Audit returns a record's whole audit trail, in order.
func (c *Client) Audit(ctx context.Context, recordID uint64) ([]TrailRow, error) {
	return Audit(ctx, c.Query, recordID)
}

// Audit returns a record's whole audit trail, in order. Anyone may audit:
// the trail is public chain state, so no account or key is needed.
func Audit(ctx context.Context, q ccdbtypes.QueryClient, recordID uint64) ([]TrailRow, error) {
	if _, err := fetchRecord(ctx, q, recordID); err != nil {
		return nil, err
	}
	entries, err := ccdbquery.AuditTrail(ctx, q, recordID)
	if err != nil {
		return nil, queryError(fmt.Sprintf("the audit trail of record %d", recordID), err)
	}
	rows := make([]TrailRow, len(entries))
	for i, e := range entries {
		rows[i] = TrailRow{
			Sequence: e.Sequence, Time: e.Time.UTC(), Height: e.Height, Event: EventName(e.Kind), Actor: e.Actor,
			Version: e.Version, GrantID: e.GrantId, RequestID: e.RequestId, ReceiptID: e.ReceiptId, EndedHeight: e.EndedHeight,
		}
	}
	return rows, nil
}

// EventName is a trail kind without its enum prefix, e.g. RECORD_ACCESSED.
func EventName(k ccdbtypes.TrailEventKind) string {
	return strings.TrimPrefix(k.String(), "TRAIL_EVENT_KIND_")
}

// Trail formats.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

var trailColumns = []string{"seq", "time", "height", "event", "actor", "version", "grant", "request", "receipt", "ended_height"}

// WriteTrail writes rows as a table, JSON or CSV.
func WriteTrail(w io.Writer, rows []TrailRow, format string) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(trailColumns); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(r.cells(func(n uint64) string { return strconv.FormatUint(n, 10) })); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case FormatTable, "", "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.ToUpper(strings.Join(trailColumns, "\t")))
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r.cells(dashIfZero), "\t"))
		}
		return tw.Flush()
	}
	return fmt.Errorf("%w: output format %q (table, json or csv)", ErrBadInput, format)
}

func (r TrailRow) cells(id func(uint64) string) []string {
	actor := r.Actor
	if actor == "" {
		actor = "(chain)"
	}
	return []string{
		strconv.FormatUint(r.Sequence, 10), r.Time.Format(time.RFC3339), strconv.FormatInt(r.Height, 10), r.Event, actor,
		id(r.Version), id(r.GrantID), id(r.RequestID), id(r.ReceiptID), id(uint64(r.EndedHeight)),
	}
}

func dashIfZero(n uint64) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatUint(n, 10)
}
