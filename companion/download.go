package companion

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"

	uio "github.com/ipfs/boxo/ipld/unixfs/io"

	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/ipfsnode"
)

// downloadCiphertext streams the ciphertext of the version the chain
// releases to the caller, after checking its size against the chain; its
// blocks are checked against their CIDs as they are read, and its SHA-256
// at the end (a mismatch aborts the response, so the client never sees a
// complete transfer).
func (s *Service) downloadCiphertext(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
	auth, e := s.release(r, caller.Address)
	if e != nil {
		return e
	}
	v := auth.Version
	root, err := ipfsnode.ParseCID(v.Cid)
	if err != nil {
		return &apiError{status: http.StatusBadGateway, code: api.CodeIntegrity, msg: "the chain names an invalid CID", cause: err}
	}
	ctx, timeout, cancel := withReadTimeout(r.Context(), s.settings.FetchTimeout)
	defer cancel()
	var content uio.DagReader
	timeout.during(func() { content, err = s.store.Cat(ctx, root) })
	if err != nil {
		return storeError(fmt.Sprintf("ciphertext %s of record %d version %d", root, v.RecordId, v.Version), stalled(ctx, err))
	}
	defer content.Close()
	if content.Size() != v.Size_ {
		return &apiError{status: http.StatusBadGateway, code: api.CodeIntegrity,
			msg: fmt.Sprintf("stored ciphertext %s is %d bytes, the chain says %d", root, content.Size(), v.Size_)}
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", strconv.FormatUint(v.Size_, 10))
	h.Set(api.HeaderCID, v.Cid)
	h.Set(api.HeaderCiphertextSHA256, hex.EncodeToString(v.CiphertextSha256))
	h.Set(api.HeaderRecordVersion, strconv.FormatUint(v.Version, 10))
	if auth.Receipt.Id != 0 {
		h.Set(api.HeaderReceiptID, strconv.FormatUint(auth.Receipt.Id, 10))
	}
	w.WriteHeader(http.StatusOK)
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, sum), timeout.reader(content))
	err = stalled(ctx, err)
	if err != nil || uint64(n) != v.Size_ || !bytes.Equal(sum.Sum(nil), v.CiphertextSha256) {
		s.logger.Error("ciphertext download aborted", "account", caller.Address, "record", v.RecordId, "version", v.Version,
			"cid", v.Cid, "bytes", n, "err", err, "hash_matches", bytes.Equal(sum.Sum(nil), v.CiphertextSha256))
		panic(http.ErrAbortHandler)
	}
	s.logger.Info("ciphertext released", "account", caller.Address, "record", v.RecordId, "version", v.Version,
		"receipt", auth.Receipt.Id, "bytes", n)
	return nil
}

// downloadEnvelope returns the one envelope the chain releases to the
// caller: the block whose CID is derived from the authorized commitment,
// checked against that commitment before it is sent.
func (s *Service) downloadEnvelope(w http.ResponseWriter, r *http.Request, caller requestauth.Caller) *apiError {
	auth, e := s.release(r, caller.Address)
	if e != nil {
		return e
	}
	v := auth.Version
	root, err := EnvelopeCID(auth.EnvelopeCommitment)
	if err != nil {
		return &apiError{status: http.StatusBadGateway, code: api.CodeIntegrity, msg: "the chain names an invalid envelope commitment", cause: err}
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.settings.FetchTimeout)
	defer cancel()
	content, err := s.store.Cat(ctx, root)
	if err != nil {
		return storeError(fmt.Sprintf("your envelope of record %d version %d", v.RecordId, v.Version), err)
	}
	defer content.Close()
	env, err := io.ReadAll(io.LimitReader(content, s.settings.MaxRequestBytes+1))
	if err != nil {
		return storeError("your envelope", err)
	}
	if sum := sha256.Sum256(env); !bytes.Equal(sum[:], auth.EnvelopeCommitment) {
		return &apiError{status: http.StatusBadGateway, code: api.CodeIntegrity,
			msg: fmt.Sprintf("stored envelope %s does not match the commitment on chain", root)}
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set(api.HeaderEnvelopeCommitment, hex.EncodeToString(auth.EnvelopeCommitment))
	h.Set(api.HeaderRecordVersion, strconv.FormatUint(v.Version, 10))
	if auth.Receipt.Id != 0 {
		h.Set(api.HeaderReceiptID, strconv.FormatUint(auth.Receipt.Id, 10))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(env)
	s.logger.Info("envelope released", "account", caller.Address, "record", v.RecordId, "version", v.Version, "receipt", auth.Receipt.Id)
	return nil
}
