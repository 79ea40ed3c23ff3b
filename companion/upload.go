package companion

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"net/http"

	"github.com/ipfs/go-cid"

	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/ipfsnode"
)

// uploadCiphertext stores a ciphertext stream, pinned until upload_ttl
// unless a record on chain comes to reference it. The body is hashed as it
// streams into the store; if it turns out longer than the limit or not the
// body that was signed, the upload is unpinned and collected, and refused.
func (s *Service) uploadCiphertext(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
	limit := s.settings.MaxUploadBytes
	if r.ContentLength > limit {
		return refuse(http.StatusRequestEntityTooLarge, api.CodeTooLarge,
			"upload of %d bytes is over this service's limit of %d bytes", r.ContentLength, limit)
	}
	body := &hashingReader{r: http.MaxBytesReader(w, r.Body, limit), h: sha256.New()}
	keptUntil := s.now().Add(s.settings.UploadTTL).UTC()
	reason := uploadReason(keptUntil)
	root, err := s.store.Add(r.Context(), body, reason)
	if err != nil {
		s.requestGC()
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			return refuse(http.StatusRequestEntityTooLarge, api.CodeTooLarge,
				"upload is over this service's limit of %d bytes; nothing was kept", limit)
		case errors.Is(err, ipfsnode.ErrStorageLimit):
			return &apiError{status: http.StatusInsufficientStorage, code: api.CodeStorageFull,
				msg: "this node's storage is full; try another member's service", cause: err}
		case r.Context().Err() != nil:
			return refuse(http.StatusBadRequest, api.CodeBadRequest, "upload interrupted after %d bytes; nothing was kept", body.n)
		}
		return &apiError{status: http.StatusInternalServerError, code: api.CodeInternal, msg: "storing the upload failed", cause: err}
	}
	sum := body.sum()
	if err := requestauth.VerifyBody(caller, sum); err != nil {
		s.discard(r, root, reason)
		return authError(err)
	}
	s.logger.Info("ciphertext uploaded", "account", caller.Address, "cid", root.String(), "bytes", body.n)
	writeJSON(w, http.StatusCreated, api.CiphertextUploaded{
		CID: root.String(), SHA256: hex.EncodeToString(sum[:]), Size: body.n, KeptUntil: keptUntil,
	})
	return nil
}

// uploadEnvelope stores one key envelope as a raw block whose CID is derived
// from its SHA-256, the commitment the owner will put on chain.
func (s *Service) uploadEnvelope(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
	limit := s.settings.MaxRequestBytes
	env, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return refuse(http.StatusRequestEntityTooLarge, api.CodeTooLarge, "envelope is over this service's limit of %d bytes", limit)
	case err != nil:
		return refuse(http.StatusBadRequest, api.CodeBadRequest, "reading the envelope: %v", err)
	case len(env) == 0:
		return refuse(http.StatusBadRequest, api.CodeBadRequest, "empty envelope")
	}
	commitment := sha256.Sum256(env)
	if err := requestauth.VerifyBody(caller, commitment); err != nil {
		return authError(err)
	}
	want, err := EnvelopeCID(commitment[:])
	if err != nil {
		return &apiError{status: http.StatusInternalServerError, code: api.CodeInternal, msg: "deriving the envelope CID", cause: err}
	}
	keptUntil := s.now().Add(s.settings.UploadTTL).UTC()
	reason := uploadReason(keptUntil)
	root, err := s.store.Add(r.Context(), bytes.NewReader(env), reason)
	if err != nil {
		return &apiError{status: http.StatusInternalServerError, code: api.CodeInternal, msg: "storing the envelope failed", cause: err}
	}
	if !root.Equals(want) {
		s.discard(r, root, reason)
		return &apiError{status: http.StatusInternalServerError, code: api.CodeInternal,
			msg: "the store did not keep the envelope as one raw block", cause: errors.New(root.String() + " != " + want.String())}
	}
	s.logger.Info("envelope uploaded", "account", caller.Address, "cid", root.String())
	writeJSON(w, http.StatusCreated, api.EnvelopeUploaded{CID: root.String(), Commitment: hex.EncodeToString(commitment[:]), KeptUntil: keptUntil})
	return nil
}

// discard drops an upload just stored and has it collected.
func (s *Service) discard(r *http.Request, root cid.Cid, reason string) {
	if _, err := s.store.Unpin(r.Context(), root, reason); err != nil {
		s.logger.Error("dropping a refused upload", "cid", root.String(), "err", err)
	}
	s.requestGC()
}

// hashingReader hashes and counts what passes through it.
type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

func (h *hashingReader) sum() (out [32]byte) {
	copy(out[:], h.h.Sum(nil))
	return out
}
