package types_test

import (
	"math"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/x/ccdb/types"
)

// TypedEvent must give every node's event consumers (the companion's
// custodian, indexers, clients parsing events) exactly what the SDK's
// EmitTypedEvent gives: same type, same attributes in the same order, same
// bytes. Every field of the events it writes itself is filled at random,
// edge cases included; a field added to one of them gets random values too,
// so the test fails until TypedEvent writes it.
func TestTypedEventMatchesTheSDK(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	events := []proto.Message{
		&types.EventRecordPut{}, &types.EventEnvelopeCommitted{}, &types.EventGrantCreated{}, &types.EventRecordAccessed{},
	}
	for _, ev := range events {
		t.Run(proto.MessageName(ev), func(t *testing.T) {
			requireSameEvent(t, ev) // every field at its zero value
			for range 3000 {
				e := reflect.New(reflect.TypeOf(ev).Elem())
				fill(t, r, e.Elem())
				requireSameEvent(t, e.Interface().(proto.Message))
			}
		})
	}
}

// Other events go through the SDK, errors included.
func TestTypedEventFallsBackToTheSDK(t *testing.T) {
	requireSameEvent(t, &types.EventGrantEnded{GrantId: 7, Owner: "o", Status: types.GRANT_STATUS_REVOKED})
	tooLate := &types.EventGrantCreated{ExpiresAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, want := sdk.TypedEventToEvent(tooLate)
	require.Error(t, want)
	_, got := types.TypedEvent(tooLate)
	require.EqualError(t, got, want.Error())
}

func requireSameEvent(t *testing.T, ev proto.Message) {
	t.Helper()
	want, err := sdk.TypedEventToEvent(ev)
	require.NoError(t, err)
	got, err := types.TypedEvent(ev)
	require.NoError(t, err)
	require.Equal(t, want, got, "%#v", ev)
}

// fill sets v, and every field below it, to a random value of its kind.
func fill(t *testing.T, r *rand.Rand, v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(randomTime(r)))
	case v.Kind() == reflect.Uint64:
		v.SetUint([]uint64{0, 1, math.MaxUint64, r.Uint64()}[r.Intn(4)])
	case v.Kind() == reflect.Int32: // enums: known codes and unknown ones
		v.SetInt(int64(r.Intn(12) - 2))
	case v.Kind() == reflect.String:
		v.SetString(randomString(r))
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		switch r.Intn(3) {
		case 0: // nil
		case 1:
			v.SetBytes([]byte{})
		default:
			b := make([]byte, r.Intn(40))
			r.Read(b)
			v.SetBytes(b)
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		n := r.Intn(4) - 1 // -1: nil
		if n >= 0 {
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				s.Index(i).SetString(randomString(r))
			}
			v.Set(s)
		}
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			fill(t, r, v.Field(i))
		}
	default:
		t.Fatalf("no random value for %s: teach fill and TypedEvent about it", v.Type())
	}
}

// randomString mixes plain text with what JSON must escape or replace.
func randomString(r *rand.Rand) string {
	pieces := []string{"", "msec1qy352eufqy352eufqy352eufqy352euf", "a", "<", ">", "&", `"`, `\`, "\n", "\x00", "é", "\u2028", "\xff", "bafkrei"}
	s := ""
	for range r.Intn(5) {
		s += pieces[r.Intn(len(pieces))]
	}
	return s
}

// randomTime spans a Timestamp's whole range, in any zone, with 0, 3, 6 or
// 9 significant fractional digits.
func randomTime(r *rand.Rand) time.Time {
	const lo, hi = -62135596800, 253402300799
	sec := lo + r.Int63n(hi-lo+1)
	nanos := []int64{0, r.Int63n(1000) * 1e6, r.Int63n(1e6) * 1e3, r.Int63n(1e9)}[r.Intn(4)]
	zone := []*time.Location{time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -7*3600)}[r.Intn(3)]
	return time.Unix(sec, nanos).In(zone)
}
