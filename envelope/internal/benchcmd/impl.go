package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"filippo.io/age"

	"github.com/msec-city/msec/envelope"
)

// implementation is one way to encrypt a file for one X25519 recipient: the
// whole flow, key wrapping included, so msec and age do the same work.
type implementation struct {
	name    string
	encrypt func(dst io.Writer, src io.Reader, k *keys) error
	decrypt func(dst io.Writer, src io.Reader, k *keys) error
}

// keys are the benchmark's recipient keys, the same in every process.
type keys struct {
	msec *envelope.PrivateKey
	age  *age.X25519Identity
}

const benchMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

var benchBinding = envelope.Binding{ChainID: "msec-bench", RecordID: "bench", Version: 1, Recipient: "msec1bench"}

// loadKeys derives the msec key and reads the age identity written by the
// parent process.
func loadKeys(ageIdentityFile string) (*keys, error) {
	msecKey, err := envelope.DeriveKey(benchMnemonic, "", envelope.SuiteX25519)
	if err != nil {
		return nil, err
	}
	s, err := os.ReadFile(ageIdentityFile)
	if err != nil {
		return nil, err
	}
	ageKey, err := age.ParseX25519Identity(string(s))
	if err != nil {
		return nil, err
	}
	return &keys{msec: msecKey, age: ageKey}, nil
}

var implementations = []implementation{
	msecImplementation(envelope.AES256GCM),
	msecImplementation(envelope.ChaCha20Poly1305),
	{name: "age", encrypt: ageEncrypt, decrypt: ageDecrypt},
}

// msecImplementation writes a file as uint16 envelope length, envelope,
// stream: a fresh data key sealed to the recipient, then the content.
func msecImplementation(alg envelope.Algorithm) implementation {
	return implementation{
		name: "msec " + alg.String(),
		encrypt: func(dst io.Writer, src io.Reader, k *keys) error {
			dek := envelope.NewDataKey()
			env, err := envelope.Seal(k.msec.Public(), dek, benchBinding)
			if err != nil {
				return err
			}
			if _, err := dst.Write(binary.BigEndian.AppendUint16(nil, uint16(len(env)))); err != nil {
				return err
			}
			if _, err := dst.Write(env); err != nil {
				return err
			}
			w, err := envelope.EncryptWithAlgorithm(dst, dek, alg)
			if err != nil {
				return err
			}
			if _, err := io.Copy(w, src); err != nil {
				return err
			}
			return w.Close()
		},
		decrypt: func(dst io.Writer, src io.Reader, k *keys) error {
			var size [2]byte
			if _, err := io.ReadFull(src, size[:]); err != nil {
				return err
			}
			env := make([]byte, binary.BigEndian.Uint16(size[:]))
			if _, err := io.ReadFull(src, env); err != nil {
				return err
			}
			dek, err := envelope.Open(k.msec, env, benchBinding)
			if err != nil {
				return err
			}
			r, err := envelope.Decrypt(src, dek)
			if err != nil {
				return err
			}
			_, err = io.Copy(dst, r)
			return err
		},
	}
}

func ageEncrypt(dst io.Writer, src io.Reader, k *keys) error {
	w, err := age.Encrypt(dst, k.age.Recipient())
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, src); err != nil {
		return err
	}
	return w.Close()
}

func ageDecrypt(dst io.Writer, src io.Reader, k *keys) error {
	r, err := age.Decrypt(src, k.age)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, r)
	return err
}

func findImplementation(name string) (implementation, error) {
	for _, impl := range implementations {
		if impl.name == name {
			return impl, nil
		}
	}
	return implementation{}, fmt.Errorf("unknown implementation %q", name)
}
