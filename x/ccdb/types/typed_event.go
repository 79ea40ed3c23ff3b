package types

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// TypedEvent is sdk.TypedEventToEvent(ev), attribute for attribute and byte
// for byte. The SDK marshals the event with jsonpb's reflection, unmarshals
// that into a map and sorts its keys: about 40 µs per event, which every
// validator pays for each put, grant and read (a grant emits two). The
// events those messages emit are therefore written here directly; any other
// event goes through the SDK. typed_event_test.go holds the two to the same
// output on random values of every field.
func TypedEvent(ev proto.Message) (sdk.Event, error) {
	var a attributes
	ok := true
	switch e := ev.(type) {
	case *EventRecordPut:
		a = a.uint("record_id", e.RecordId).str("owner", e.Owner).str("cid", e.Cid).
			strs("tags", e.Tags).bytes("owner_envelope_commitment", e.OwnerEnvelopeCommitment)
	case *EventEnvelopeCommitted:
		a = a.uint("record_id", e.RecordId).uint("version", e.Version).str("grantee", e.Grantee).
			bytes("commitment", e.Commitment).bytes("replaced", e.Replaced)
	case *EventGrantCreated:
		var expires string
		if expires, ok = timestampJSON(e.ExpiresAt); ok {
			a = a.uint("grant_id", e.GrantId).str("owner", e.Owner).str("grantee", e.Grantee).
				raw("scope", `{"record_id":`+quotedUint(e.Scope.RecordId)+`,"tag":`+jsonString(e.Scope.Tag)+`}`).
				raw("purpose_code", purposeJSON(e.PurposeCode)).raw("expires_at", expires).
				uint("max_uses", e.MaxUses).uint("request_id", e.RequestId)
		}
	case *EventRecordAccessed:
		a = a.uint("receipt_id", e.ReceiptId).str("reader", e.Reader).uint("record_id", e.RecordId).
			uint("version", e.Version).uint("grant_id", e.GrantId).raw("purpose_code", purposeJSON(e.PurposeCode)).
			bytes("envelope_commitment", e.EnvelopeCommitment)
	default:
		ok = false
	}
	if !ok {
		return sdk.TypedEventToEvent(ev)
	}
	slices.SortFunc(a, func(x, y abci.EventAttribute) int { return strings.Compare(x.Key, y.Key) })
	return sdk.Event{Type: proto.MessageName(ev), Attributes: a}, nil
}

// attributes are an event's attributes, each value as jsonpb writes it with
// OrigName and EmitDefaults.
type attributes []abci.EventAttribute

func (a attributes) raw(key, value string) attributes {
	return append(a, abci.EventAttribute{Key: key, Value: value})
}

// uint: jsonpb quotes 64-bit integers.
func (a attributes) uint(key string, v uint64) attributes { return a.raw(key, quotedUint(v)) }

func (a attributes) str(key, v string) attributes { return a.raw(key, jsonString(v)) }

// bytes: base64, or null for nil, as encoding/json writes them (jsonpb
// defers to it).
func (a attributes) bytes(key string, v []byte) attributes { return a.raw(key, marshalJSON(v)) }

// strs: a repeated field is [] when empty, never null.
func (a attributes) strs(key string, v []string) attributes {
	if len(v) == 0 {
		return a.raw(key, "[]")
	}
	return a.raw(key, marshalJSON(v))
}

func quotedUint(v uint64) string { return `"` + strconv.FormatUint(v, 10) + `"` }

// jsonString is v as encoding/json quotes it (jsonpb defers to it): HTML
// characters escaped, invalid UTF-8 replaced.
func jsonString(v string) string { return marshalJSON(v) }

func marshalJSON(v any) string {
	bz, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, string slices and bytes always marshal
	}
	return string(bz)
}

// purposeJSON is a known code's name in quotes, an unknown one's number.
func purposeJSON(c PurposeCode) string {
	if name, ok := PurposeCode_name[int32(c)]; ok {
		return `"` + name + `"`
	}
	return strconv.Itoa(int(c))
}

// timestampJSON writes t as jsonpb writes a google.protobuf.Timestamp: UTC,
// with 0, 3, 6 or 9 fractional digits. It is false outside the range a
// Timestamp can hold, where jsonpb fails (the SDK's path reports that).
func timestampJSON(t time.Time) (string, bool) {
	if s := t.Unix(); s < minTimestampSeconds || s > maxTimestampSeconds {
		return "", false
	}
	x := t.UTC().Format("2006-01-02T15:04:05.000000000")
	x = strings.TrimSuffix(x, "000")
	x = strings.TrimSuffix(x, "000")
	x = strings.TrimSuffix(x, ".000")
	return `"` + x + `Z"`, true
}

// The range of google.protobuf.Timestamp: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z.
const (
	minTimestampSeconds = -62135596800
	maxTimestampSeconds = 253402300799
)
