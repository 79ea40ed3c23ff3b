package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"

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

// paginateIndex pages through the IDs an (address or ID, object ID) index
// holds under ref, in key order, and loads each object.
func paginateIndex[R, T any](ctx context.Context, idx collections.KeySet[collections.Pair[R, uint64]], ref R, page *query.PageRequest,
	load func(context.Context, uint64) (T, error),
) ([]T, *query.PageResponse, error) {
	return paginateKeys(ctx, idx, collections.PairPrefix[R, uint64](ref), collections.Pair[R, uint64].K2, page, load)
}

// paginateKeys pages through the keys of idx that start with prefix, in key
// order, and loads the object each names.
func paginateKeys[K, T any](ctx context.Context, idx collections.KeySet[K], prefix K, id func(K) uint64, page *query.PageRequest,
	load func(context.Context, uint64) (T, error),
) ([]T, *query.PageResponse, error) {
	if err := checkPage(page); err != nil {
		return nil, nil, err
	}
	return query.CollectionPaginate(ctx, idx, page,
		func(key K, _ collections.NoValue) (T, error) { return load(ctx, id(key)) },
		func(o *query.CollectionsPaginateOptions[K]) { o.Prefix = &prefix })
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

// paginateRange pages through the entries of a collection with keys in
// [start, end). The SDK's paginator only takes a prefix, and filtering a
// prefix scan would read every key after end.
func paginateRange[K, V, T any](ctx context.Context, coll query.Collection[K, V], start, end K, page *query.PageRequest,
	load func(K, V) (T, error),
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
	codec := coll.KeyCodec()
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
	it, err := coll.IterateRaw(ctx, from, to, collections.OrderAscending)
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
		v, err := it.Value()
		if err != nil {
			return nil, nil, err
		}
		t, err := load(key, v)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, t)
	}
	return out, res, nil
}
