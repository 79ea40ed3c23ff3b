package main

import (
	"context"
	"time"

	consortiumtypes "github.com/msec-city/msec/x/consortium/types"
)

type queryResult struct {
	name      string
	count     int
	elapsed   time.Duration
	latencies []time.Duration
}

// timeQueries times sequential Members queries over gRPC.
func (e *environment) timeQueries(n int) (queryResult, error) {
	q := consortiumtypes.NewQueryClient(e.grpc)
	res := queryResult{name: "consortium Members (gRPC)", count: n}
	start := time.Now()
	for i := 0; i < n; i++ {
		t := time.Now()
		if _, err := q.Members(context.Background(), &consortiumtypes.QueryMembersRequest{}); err != nil {
			return res, err
		}
		res.latencies = append(res.latencies, time.Since(t))
	}
	res.elapsed = time.Since(start)
	return res, nil
}
