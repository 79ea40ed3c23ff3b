package ccdbclient

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ipfs/go-cid"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/ipfsnode"
	"github.com/msec-city/msec/termprogress"
)

// ciphertextFile is ciphertext spooled to a temporary file, with what the
// chain holds about it: size, SHA-256 and CID, computed in the same pass.
// Ciphertext may touch the disk; plaintext never does.
type ciphertextFile struct {
	path   string
	size   int64
	sha256 [32]byte
	cid    cid.Cid
}

func (f *ciphertextFile) remove() { os.Remove(f.path) }

// spool creates a temporary file, lets fill write the ciphertext into it,
// and hashes and addresses what was written.
func (c *Client) spool(ctx context.Context, fill func(io.Writer) error) (*ciphertextFile, error) {
	tmp, err := os.CreateTemp(c.TempDir, "msec-ccdb-*.ct")
	if err != nil {
		return nil, err
	}
	f := &ciphertextFile{path: tmp.Name()}
	sum := sha256.New()
	pr, pw := io.Pipe()
	cidDone := make(chan error, 1)
	go func() {
		root, err := ipfsnode.ContentCID(ctx, pr)
		f.cid = root
		pr.CloseWithError(err)
		cidDone <- err
	}()
	counter := &countingWriter{}
	fillErr := fill(io.MultiWriter(tmp, sum, pw, counter))
	pw.CloseWithError(fillErr)
	cidErr := <-cidDone
	closeErr := tmp.Close()
	if err := errors.Join(fillErr, cidErr, closeErr); err != nil {
		f.remove()
		return nil, err
	}
	f.size = counter.n
	copy(f.sha256[:], sum.Sum(nil))
	return f, nil
}

// encryptToFile encrypts plaintext under dek.
func (c *Client) encryptToFile(ctx context.Context, plaintext io.Reader, dek envelope.DataKey) (*ciphertextFile, error) {
	return c.spool(ctx, func(w io.Writer) error {
		enc, err := envelope.Encrypt(w, dek)
		if err != nil {
			return err
		}
		if _, err := io.Copy(enc, plaintext); err != nil {
			return fmt.Errorf("encrypting: %w", err)
		}
		return enc.Close()
	})
}

// upload sends the ciphertext to the companion service and checks that the
// service computed the same CID, hash and size.
func (c *Client) upload(ctx context.Context, f *ciphertextFile) error {
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	bar := termprogress.New(c.Progress, f.size)
	up, err := c.Companion.UploadCiphertext(ctx, bar.Reader(file), f.size, f.sha256)
	bar.Finish()
	if err != nil {
		return err
	}
	if up.CID != f.cid.String() || up.SHA256 != hex.EncodeToString(f.sha256[:]) || up.Size != f.size {
		return fmt.Errorf("%w: the companion service stored %s (%d bytes, sha256 %s), the client computed %s (%d bytes, sha256 %x)",
			ErrIntegrity, up.CID, up.Size, up.SHA256, f.cid, f.size, f.sha256)
	}
	return nil
}

// decryptFile decrypts a verified ciphertext file into dst.
func decryptFile(f *ciphertextFile, dek envelope.DataKey, dst io.Writer) error {
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	plain, err := envelope.Decrypt(file, dek)
	if err != nil {
		return fmt.Errorf("%w: decrypting: %w", ErrIntegrity, err)
	}
	if _, err := io.Copy(dst, plain); err != nil {
		return fmt.Errorf("decrypting: %w", err)
	}
	return nil
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
