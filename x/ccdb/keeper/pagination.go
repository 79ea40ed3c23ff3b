package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/cosmos/cosmos-sdk/types/query"
)

// maxPageLimit bounds one page of any list query.
const maxPageLimit = 1000

func checkPage(page *query.PageRequest) error {
	if page != nil && page.Limit > maxPageLimit {
		return fmt.Errorf("page limit %d exceeds %d", page.Limit, maxPageLimit)
	}
	return nil
}

// paginateIndex pages through the primary keys a Multi index holds under
// ref, in key order, and loads each object.
func paginateIndex[R, V, T any](ctx context.Context, idx *indexes.Multi[R, uint64, V], ref R, page *query.PageRequest,
	load func(context.Context, uint64) (T, error),
) ([]T, *query.PageResponse, error) {
	if err := checkPage(page); err != nil {
		return nil, nil, err
	}
	return query.CollectionPaginate(ctx, idx, page,
		func(key collections.Pair[R, uint64], _ collections.NoValue) (T, error) { return load(ctx, key.K2()) },
		query.WithCollectionPaginationPairPrefix[R, uint64](ref))
}

// paginatePrefix pages through a map keyed by (prefix, K2).
func paginatePrefix[K1, K2, V any](ctx context.Context, m collections.Map[collections.Pair[K1, K2], V], prefix K1, page *query.PageRequest) ([]V, *query.PageResponse, error) {
	if err := checkPage(page); err != nil {
		return nil, nil, err
	}
	return query.CollectionPaginate(ctx, m, page,
		func(_ collections.Pair[K1, K2], v V) (V, error) { return v, nil },
		query.WithCollectionPaginationPairPrefix[K1, K2](prefix))
}

// paginateRange pages through the keys of a key set or index in [start,
// end). The SDK's paginator only takes a prefix, and filtering a prefix scan
// would read every key after end.
func paginateRange[K, T any](ctx context.Context, ks query.Collection[K, collections.NoValue], start, end K, page *query.PageRequest,
	load func(K) (T, error),
) ([]T, *query.PageResponse, error) {
	if err := checkPage(page); err != nil {
		return nil, nil, err
	}
	if page == nil {
		page = &query.PageRequest{}
	}
	if page.Offset > 0 || page.Reverse || page.CountTotal {
		return nil, nil, fmt.Errorf("this list supports key pagination only, forwards, without a total")
	}
	limit := page.Limit
	if limit == 0 {
		limit = query.DefaultLimit
	}
	codec := ks.KeyCodec()
	encode := func(k K) ([]byte, error) {
		buf := make([]byte, codec.Size(k))
		_, err := codec.Encode(buf, k)
		return buf, err
	}
	from, err := encode(start)
	if err != nil {
		return nil, nil, err
	}
	to, err := encode(end)
	if err != nil {
		return nil, nil, err
	}
	if len(page.Key) > 0 {
		from = page.Key
	}
	it, err := ks.IterateRaw(ctx, from, to, collections.OrderAscending)
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	var out []T
	res := &query.PageResponse{}
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, nil, err
		}
		if uint64(len(out)) == limit {
			if res.NextKey, err = encode(key); err != nil {
				return nil, nil, err
			}
			break
		}
		t, err := load(key)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, t)
	}
	return out, res, nil
}
