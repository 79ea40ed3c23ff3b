package companion

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func openTestState(t *testing.T, dir string) *stateStore {
	t.Helper()
	s, err := openStateStore(dir)
	require.NoError(t, err)
	t.Cleanup(func() { s.close() })
	return s
}

// Everything saved comes back after a restart, retries included.
func TestStateSurvivesReopening(t *testing.T) {
	dir := t.TempDir()
	s, err := openStateStore(dir)
	require.NoError(t, err)
	at := time.Unix(1_800_000_000, 0).UTC()
	s.Height = 42
	s.DeferredDrops = []deferredDrop{{GrantID: 3, Grantee: "nurse", Due: at}}
	s.Attestations = []pendingAttestation{{RecordID: 9, BlocksDeleted: 2, Statement: "gone"}}
	retry := pinRetry{RecordID: 9, CID: "bafkqaaa", Reason: "ccdb/record/9/v1", Next: at, GiveUp: at.Add(time.Hour), Attempts: 2}
	require.NoError(t, s.putRetry(retry))
	require.NoError(t, s.save())
	require.NoError(t, s.close())

	again := openTestState(t, dir)
	require.Equal(t, s.custodianState, again.custodianState)
	retries, err := again.pinRetries()
	require.NoError(t, err)
	require.Len(t, retries, 1)
	require.True(t, retry.Next.Equal(retries[0].Next))
	require.Equal(t, retry.Attempts, retries[0].Attempts)
}

// Replacing a retry moves it in the due order and leaves no trace of its
// old time; the due order is by time, whatever the keys' order.
func TestPinRetryQueueOrder(t *testing.T) {
	s := openTestState(t, t.TempDir())
	now := time.Unix(1_800_000_000, 0)
	for i, c := range []string{"bafkc", "bafka", "bafkb"} {
		require.NoError(t, s.putRetry(pinRetry{CID: c, Reason: "r", Next: now.Add(time.Duration(i-3) * time.Minute)}))
	}
	require.NoError(t, s.putRetry(pinRetry{CID: "bafkc", Reason: "r", Next: now.Add(time.Hour), Attempts: 1}))
	require.NoError(t, s.putRetry(pinRetry{CID: "bafkc", Reason: "other", Next: now.Add(-time.Hour)}))

	due, err := s.dueRetries(now, 10)
	require.NoError(t, err)
	var order []string
	for _, p := range due {
		order = append(order, p.CID+" "+p.Reason)
	}
	require.Equal(t, []string{"bafkc other", "bafka r", "bafkb r"}, order, "bafkc r is not due any more")
	due, err = s.dueRetries(now, 1)
	require.NoError(t, err)
	require.Len(t, due, 1, "the limit holds")
	due, err = s.dueRetries(now.Add(2*time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, due, 4, "one entry per (cid, reason)")

	forC, err := s.retriesFor("bafkc")
	require.NoError(t, err)
	require.Len(t, forC, 2)
	require.NoError(t, s.deleteRetry(forC[0]))
	gone, err := s.retriesFor("bafkc")
	require.NoError(t, err)
	require.Equal(t, []pinRetry{forC[1]}, gone)
	due, err = s.dueRetries(now.Add(2*time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, due, 3)

	// Queueing what is queued keeps the entry as it is; queueing what is
	// not adds it.
	require.NoError(t, s.queueRetry(pinRetry{CID: forC[1].CID, Reason: forC[1].Reason, Next: now.Add(-2 * time.Hour)}))
	kept, err := s.retriesFor("bafkc")
	require.NoError(t, err)
	require.Equal(t, []pinRetry{forC[1]}, kept, "its due time and attempts are unchanged")
	require.NoError(t, s.queueRetry(forC[0]))
	due, err = s.dueRetries(now.Add(2*time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, due, 4)
	require.Error(t, s.queueRetry(pinRetry{Reason: "r"}), "an empty CID is refused")

	require.Error(t, s.putRetry(pinRetry{CID: "bafk\x00x", Reason: "r"}), "a separator inside a key is refused")
	require.Error(t, s.putRetry(pinRetry{Reason: "r"}), "an empty CID is refused")
}

// A state.json written by an earlier version is imported once and removed.
func TestLegacyStateFileIsImported(t *testing.T) {
	dir := t.TempDir()
	at := time.Unix(1_800_000_000, 0).UTC()
	legacy := map[string]any{
		"height":               int64(77),
		"pending_attestations": []pendingAttestation{{RecordID: 5, Statement: "erased"}},
		"pin_retries": []pinRetry{
			{RecordID: 5, CID: "bafka", Reason: "ccdb/record/5/v1", Next: at, GiveUp: at.Add(time.Hour)},
			{RecordID: 6, CID: "bafkb", Reason: "ccdb/record/6/v1", Next: at, GiveUp: at.Add(time.Hour)},
		},
	}
	bz, err := json.Marshal(legacy)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, legacyStateFile), bz, 0o600))

	s, err := openStateStore(dir)
	require.NoError(t, err)
	require.Equal(t, int64(77), s.Height)
	require.Len(t, s.Attestations, 1)
	retries, err := s.pinRetries()
	require.NoError(t, err)
	require.Len(t, retries, 2)
	require.NoFileExists(t, filepath.Join(dir, legacyStateFile))
	require.NoError(t, s.close())

	again := openTestState(t, dir)
	require.Equal(t, int64(77), again.Height)
}

// A corrupt state is refused with a message saying what to do, not
// silently replaced (which would reprocess, or skip, blocks).
func TestCorruptLegacyStateIsRefused(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, legacyStateFile), []byte("{not json"), 0o600))
	_, err := openStateStore(dir)
	require.ErrorContains(t, err, "corrupt")
}
