package main

import (
	"context"
	"time"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/msec-city/msec/ccdbquery"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// timing is the latencies of one kind of query.
type timing struct {
	name      string
	latencies []time.Duration
}

func (t *timing) time(f func() error) error {
	start := time.Now()
	err := f()
	t.latencies = append(t.latencies, time.Since(start))
	return err
}

// timeAudit times the audit queries an auditor makes, n times each, over
// the fixture records (each holding a long trail), and a full trail export
// exports times.
func (e *environment) timeAudit(ctx context.Context, f *ccdbFixture, n, exports int) ([]*timing, error) {
	q := ccdbtypes.NewQueryClient(e.grpc)
	page := &query.PageRequest{Limit: 100}
	first := &timing{name: "AuditTrail, first 100 entries"}
	latest := &timing{name: "AuditTrail, latest 100 entries (reverse)"}
	byRecord := &timing{name: "ReceiptsByRecord, first 100"}
	byReader := &timing{name: "ReceiptsByReader, first 100"}
	byTime := &timing{name: "ReceiptsByTime, last 10 minutes, first 100"}
	export := &timing{name: "AuditTrail, whole trail of one record (pages of 1000)"}
	var readers []string
	var records []uint64
	for _, s := range e.senders {
		readers, records = append(readers, s.address.String()), append(records, f.reads[s.name])
	}
	now := time.Now()
	for i := 0; i < n; i++ {
		r, reader := records[i%len(records)], readers[i%len(readers)]
		steps := []struct {
			t *timing
			f func() error
		}{
			{first, func() error {
				_, err := q.AuditTrail(ctx, &ccdbtypes.QueryAuditTrailRequest{RecordId: r, Pagination: page})
				return err
			}},
			{latest, func() error {
				_, err := q.AuditTrail(ctx, &ccdbtypes.QueryAuditTrailRequest{RecordId: r, Pagination: &query.PageRequest{Limit: 100, Reverse: true}})
				return err
			}},
			{byRecord, func() error {
				_, err := q.ReceiptsByRecord(ctx, &ccdbtypes.QueryReceiptsByRecordRequest{RecordId: r, Pagination: page})
				return err
			}},
			{byReader, func() error {
				_, err := q.ReceiptsByReader(ctx, &ccdbtypes.QueryReceiptsByReaderRequest{Reader: reader, Pagination: page})
				return err
			}},
			{byTime, func() error {
				_, err := q.ReceiptsByTime(ctx, &ccdbtypes.QueryReceiptsByTimeRequest{StartTime: now.Add(-10 * time.Minute), EndTime: now, Pagination: page})
				return err
			}},
		}
		for _, s := range steps {
			if err := s.t.time(s.f); err != nil {
				return nil, err
			}
		}
	}
	for i := 0; i < exports; i++ {
		if err := export.time(func() error {
			_, err := ccdbquery.AuditTrail(ctx, q, records[i%len(records)])
			return err
		}); err != nil {
			return nil, err
		}
	}
	return []*timing{first, latest, byRecord, byReader, byTime, export}, nil
}
