package companion

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/ipfsnode"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// stallingStore never finds the missing CIDs: fetching one waits until its
// context ends (or the test does), as a fetch over bitswap waits when no
// member has the content; a local pin of one fails at once.
type stallingStore struct {
	Store
	t        *testing.T
	missing  map[cid.Cid]bool
	released chan struct{}
	mu       sync.Mutex
	fetched  []cid.Cid
}

func (s *stallingStore) stall(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-s.released:
		return ipfsnode.ErrContentNotFound
	}
}

// Pin would wait for the network: the custodian must not call it.
func (s *stallingStore) Pin(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error) {
	s.t.Errorf("the custodian pinned %s through the network", root)
	return s.Store.Pin(ctx, root, reason)
}

func (s *stallingStore) PinLocal(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error) {
	if s.missing[root] {
		return ipfsnode.Pin{}, ipfsnode.ErrContentNotFound
	}
	return s.Store.PinLocal(ctx, root, reason)
}

func (s *stallingStore) Fetch(ctx context.Context, root cid.Cid) error {
	if s.missing[root] {
		s.mu.Lock()
		s.fetched = append(s.fetched, root)
		s.mu.Unlock()
		return s.stall(ctx)
	}
	return s.Store.Fetch(ctx, root)
}

// A record whose content no member has (a client that died after its put,
// or an owner registering junk) must not hold up the custodian: the
// revocation behind it is carried out in the same pass, and the content is
// looked for in the background.
func TestMissingContentDoesNotHoldUpTheCustodian(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FetchTimeout = "1h" })
	id, s := h.put(h.margaret, []byte("kept"))
	grantID := h.grant(h.margaret, h.nurse, id, s, 0)
	h.sync()
	nurseReason := envelopeReason(id, 1, h.nurse.Address.String())
	require.Contains(t, h.pinReasons(), nurseReason)

	junk := sha256.Sum256([]byte("never uploaded"))
	mh, err := multihash.Encode(junk[:], multihash.SHA2_256)
	require.NoError(t, err)
	junkCID := cid.NewCidV1(cid.Raw, mh)
	ownerEnv := make([]byte, 32)
	_, _ = rand.Read(ownerEnv)
	envCID, err := EnvelopeCID(ownerEnv)
	require.NoError(t, err)
	h.deliver(h.margaret, &ccdbtypes.MsgPutRecord{
		Owner: h.margaret.Address.String(), Cid: junkCID.String(), CiphertextSha256: junk[:], Size_: 100,
		EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM, OwnerEnvelopeCommitment: ownerEnv,
	})
	h.deliver(h.margaret, revokeMsg(h, grantID))

	store := &stallingStore{Store: h.svc.store, t: t, missing: map[cid.Cid]bool{junkCID: true, envCID: true}, released: make(chan struct{})}
	t.Cleanup(func() { close(store.released); h.svc.prefetches.Wait() })
	h.svc.store = store
	h.sync()

	require.NotContains(t, h.pinReasons(), nurseReason, "the revocation was carried out")
	require.Len(t, h.pinRetries(), 2, "both pins of the junk record wait for a retry")
	require.Eventually(t, func() bool {
		store.mu.Lock()
		defer store.mu.Unlock()
		return len(store.fetched) == 2
	}, 10*time.Second, 20*time.Millisecond, "both are fetched in the background")
}

// slowStore has the target only once it was fetched in the background.
type slowStore struct {
	Store
	target  cid.Cid
	mu      sync.Mutex
	fetched bool
}

func (s *slowStore) PinLocal(ctx context.Context, root cid.Cid, reason string) (ipfsnode.Pin, error) {
	s.mu.Lock()
	ready := s.fetched
	s.mu.Unlock()
	if root == s.target && !ready {
		return ipfsnode.Pin{}, ipfsnode.ErrContentNotFound
	}
	return s.Store.PinLocal(ctx, root, reason)
}

func (s *slowStore) Fetch(ctx context.Context, root cid.Cid) error {
	if root == s.target {
		s.mu.Lock()
		s.fetched = true
		s.mu.Unlock()
	}
	return s.Store.Fetch(ctx, root)
}

// Content that arrives through a background fetch is pinned on the next
// pass, not a retry interval later.
func TestBackgroundFetchIsPinnedOnTheNextPass(t *testing.T) {
	h := newHarness(t)
	store := &slowStore{Store: h.svc.store}
	h.svc.store = store
	next, err := ccdbtypes.NewQueryClient(h.svc.chain).NextRecordID(context.Background(), &ccdbtypes.QueryNextRecordIDRequest{})
	require.NoError(t, err)
	s := h.upload(h.margaret, next.RecordId, []byte("arrives late"))
	store.target, err = cid.Decode(s.cid)
	require.NoError(t, err)
	commitment := sha256.Sum256(s.ownerEnv)
	h.deliver(h.margaret, &ccdbtypes.MsgPutRecord{
		Owner: h.margaret.Address.String(), Cid: s.cid, CiphertextSha256: s.sha256[:], Size_: uint64(len(s.ciphertext)),
		EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM, OwnerEnvelopeCommitment: commitment[:], RecordId: next.RecordId,
	})
	frozen := time.Now()
	h.svc.now = func() time.Time { return frozen } // no retry interval ever passes
	h.sync()                                       // not here yet: the fetch starts
	h.svc.prefetches.Wait()
	h.sync()
	require.Contains(t, h.pinReasons(), recordReason(next.RecordId, 1))
	require.Empty(t, h.pinRetries())
}

// A long queue of missing content costs a pass at most maxRetriesPerPass
// tries, and each failed try pushes its entry further out.
func TestPinRetriesAreBoundedAndBackOff(t *testing.T) {
	h := newHarness(t)
	frozen := time.Now()
	h.svc.now = func() time.Time { return frozen }
	const queued = maxRetriesPerPass + 36
	for i := range queued {
		junk := sha256.Sum256([]byte{byte(i), byte(i >> 8)})
		c, err := EnvelopeCID(junk[:])
		require.NoError(t, err)
		require.NoError(t, h.svc.state.putRetry(pinRetry{
			RecordID: 1, CID: c.String(), Reason: "record-1-v1", Next: frozen.Add(-time.Duration(i) * time.Second), GiveUp: frozen.Add(time.Hour),
		}))
	}
	attempts := func() (tried int) {
		for _, p := range h.pinRetries() {
			if p.Attempts > 0 {
				require.True(t, frozen.Add(retryWait(p.Attempts)).Equal(p.Next), "a failed retry waits longer")
				tried++
			}
		}
		return tried
	}
	require.NoError(t, h.svc.retryPins(context.Background()))
	require.Len(t, h.pinRetries(), queued, "nothing was found, nothing is dropped")
	require.Equal(t, maxRetriesPerPass, attempts(), "one pass tries at most maxRetriesPerPass")
	due, err := h.svc.state.dueRetries(frozen, queued)
	require.NoError(t, err)
	require.Len(t, due, queued-maxRetriesPerPass, "the longest due were tried first")
	for _, p := range due {
		require.Zero(t, p.Attempts)
		require.GreaterOrEqual(t, p.Next.Sub(frozen), -35*time.Second)
	}
	require.NoError(t, h.svc.retryPins(context.Background()))
	require.Equal(t, queued, attempts(), "the next pass tries the rest, not the ones just tried")
	h.svc.prefetches.Wait()
}

func TestRetryWaitDoublesUpToTheCap(t *testing.T) {
	require.Equal(t, pinRetryInterval, retryWait(1))
	require.Equal(t, 2*pinRetryInterval, retryWait(2))
	require.Equal(t, 8*pinRetryInterval, retryWait(4))
	require.Equal(t, maxPinRetryInterval, retryWait(50))
}

// Content of an erased record that a background fetch brings in after the
// erasure's collection (a pin retry finds it here) is dropped and collected,
// not kept.
func TestLateFetchOfErasedContentIsCollected(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	id, s := h.put(h.margaret, bytes.Repeat([]byte("late block\n"), 30_000))
	h.sync()
	h.deliver(h.margaret, &ccdbtypes.MsgEraseRecord{Owner: h.margaret.Address.String(), RecordId: id})
	h.sync()
	root, err := ipfsnode.ParseCID(s.cid)
	require.NoError(t, err)
	_, err = h.repo.Cat(ctx, root)
	require.ErrorIs(t, err, ipfsnode.ErrContentNotFound)

	// The fetch lands (the same blocks, stored unpinned) and its retry is due.
	late, err := h.repo.Add(ctx, bytes.NewReader(s.ciphertext), "late-fetch")
	require.NoError(t, err)
	require.Equal(t, root, late)
	_, err = h.repo.Unpin(ctx, root, "late-fetch")
	require.NoError(t, err)
	reason := recordReason(id, 1)
	require.NoError(t, h.svc.state.putRetry(pinRetry{RecordID: id, CID: s.cid, Reason: reason, Next: h.svc.now(), GiveUp: h.svc.now().Add(time.Hour)}))
	h.svc.now = func() time.Time { return time.Now().Add(time.Minute) }
	h.sync()

	require.NotContains(t, h.pinReasons(), reason)
	require.Empty(t, h.pinRetries(), "settled")
	_, err = h.repo.Cat(ctx, root)
	require.ErrorIs(t, err, ipfsnode.ErrContentNotFound, "collected again")
}

// Erasing a record whose content never arrived ends its queued pins: the
// custodian stops asking the members for content that is being deleted.
func TestErasureDropsQueuedRetries(t *testing.T) {
	h := newHarness(t)
	keep, _ := h.put(h.margaret, []byte("kept"))
	junk := sha256.Sum256([]byte("never uploaded either"))
	mh, err := multihash.Encode(junk[:], multihash.SHA2_256)
	require.NoError(t, err)
	ownerEnv := make([]byte, 32)
	_, _ = rand.Read(ownerEnv)
	res := h.deliver(h.margaret, &ccdbtypes.MsgPutRecord{
		Owner: h.margaret.Address.String(), Cid: cid.NewCidV1(cid.Raw, mh).String(), CiphertextSha256: junk[:], Size_: 100,
		EncryptionSuite: ccdbtypes.ENCRYPTION_SUITE_STREAM_V1_AES256GCM, OwnerEnvelopeCommitment: ownerEnv,
	})
	var out ccdbtypes.MsgPutRecordResponse
	msgResponse(t, res, &out)
	h.sync()
	h.svc.prefetches.Wait()
	require.Len(t, h.pinRetries(), 2, "the junk record's ciphertext and envelope wait for a retry")

	h.deliver(h.margaret, &ccdbtypes.MsgEraseRecord{Owner: h.margaret.Address.String(), RecordId: out.RecordId})
	h.sync()
	require.Empty(t, h.pinRetries())
	require.Contains(t, h.pinReasons(), recordReason(keep, 1), "the other record is untouched")
}

// envelopeStalled grants grantee an envelope this custodian cannot fetch
// yet (its fetch hangs) and returns the grant and the envelope's CID.
func envelopeStalled(t *testing.T, h *harness, id uint64, s stored) (uint64, cid.Cid, *stallingStore) {
	env := h.seal(s.dek, id, 1, h.nurse)
	commitment := envelope.Commitment(env)
	envCID, err := EnvelopeCID(commitment[:])
	require.NoError(t, err)
	store := &stallingStore{Store: h.svc.store, t: t, missing: map[cid.Cid]bool{envCID: true}, released: make(chan struct{})}
	t.Cleanup(func() { close(store.released); h.svc.prefetches.Wait() })
	h.svc.store = store
	_, err = h.companion(h.margaret).UploadEnvelope(context.Background(), env)
	require.NoError(t, err)
	grantID := grantIDOf(t, h.deliver(h.margaret, grantMsg(h, h.margaret, h.nurse, id, commitment[:])))
	h.sync()
	require.Len(t, h.pinRetries(), 1, "the envelope waits for its fetch")
	return grantID, envCID, store
}

// requireNotPinnedFor fails if root is pinned for reason.
func requireNotPinnedFor(t *testing.T, h *harness, root cid.Cid, reason string) {
	pins, err := h.repo.Pins(context.Background())
	require.NoError(t, err)
	for _, p := range pins {
		if p.Root == root {
			require.NotContains(t, p.Reasons, reason, "%s is pinned for %s", root, reason)
		}
	}
}

// A grant revoked while this custodian still waits for its envelope: the
// queued pin is forgotten, so the envelope is not kept when it lands later.
func TestRevocationForgetsAQueuedEnvelope(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FetchTimeout = "1h" })
	id, s := h.put(h.margaret, []byte("kept"))
	grantID, envCID, store := envelopeStalled(t, h, id, s)

	h.deliver(h.margaret, revokeMsg(h, grantID))
	h.sync()
	require.Empty(t, h.pinRetries(), "the revocation forgets the queued pin")

	h.svc.store = store.Store // the envelope arrives after all
	h.svc.now = func() time.Time { return time.Now().Add(time.Hour) }
	h.sync()
	requireNotPinnedFor(t, h, envCID, envelopeReason(id, 1, h.nurse.Address.String()))
}

// The same when the grantee's envelope is replaced by a new grant's: the
// old one's queued pin goes, the new one is kept.
func TestReplacementForgetsAQueuedEnvelope(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FetchTimeout = "1h" })
	id, s := h.put(h.margaret, []byte("kept"))
	_, oldCID, store := envelopeStalled(t, h, id, s)

	h.grant(h.margaret, h.nurse, id, s, 0) // a new envelope replaces the waiting one
	h.sync()
	require.Empty(t, h.pinRetries(), "the replaced envelope's queued pin is forgotten")
	reason := envelopeReason(id, 1, h.nurse.Address.String())
	require.NotEqual(t, oldCID.String(), h.pinReasons()[reason])
	require.NotEmpty(t, h.pinReasons()[reason], "the new envelope is kept")

	h.svc.store = store.Store
	h.svc.now = func() time.Time { return time.Now().Add(time.Hour) }
	h.sync()
	requireNotPinnedFor(t, h, oldCID, reason)
}
