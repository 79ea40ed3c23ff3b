package ccdbclient

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var rows = []TrailRow{
	{Sequence: 1, Time: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Height: 10, Event: "RECORD_PUT", Actor: "msec1margaret", Version: 1},
	{Sequence: 2, Time: time.Date(2026, 3, 1, 8, 1, 0, 0, time.UTC), Height: 12, Event: "RECORD_ACCESSED", Actor: "msec1nurse", Version: 1, GrantID: 3, ReceiptID: 9},
	{Sequence: 3, Time: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC), Height: 900, Event: "GRANT_EXPIRED", GrantID: 3},
}

func TestWriteTrailFormats(t *testing.T) {
	var table bytes.Buffer
	require.NoError(t, WriteTrail(&table, rows, FormatTable))
	lines := strings.Split(strings.TrimSpace(table.String()), "\n")
	require.Len(t, lines, 4)
	require.True(t, strings.HasPrefix(lines[0], "SEQ"))
	require.Regexp(t, `^2\s+2026-03-01T08:01:00Z\s+12\s+RECORD_ACCESSED\s+msec1nurse\s+1\s+3\s+-\s+9\s+-$`, lines[2])
	require.Contains(t, lines[3], "(chain)", "entries the chain wrote have no actor")

	var js bytes.Buffer
	require.NoError(t, WriteTrail(&js, rows, FormatJSON))
	var back []TrailRow
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	require.Equal(t, rows, back)

	var c bytes.Buffer
	require.NoError(t, WriteTrail(&c, rows, FormatCSV))
	records, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Equal(t, trailColumns, records[0])
	require.Equal(t, []string{"2", "2026-03-01T08:01:00Z", "12", "RECORD_ACCESSED", "msec1nurse", "1", "3", "0", "9", "0"}, records[2])

	require.ErrorIs(t, WriteTrail(&c, rows, "xml"), ErrBadInput)
}
