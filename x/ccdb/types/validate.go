package types

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ipfs/go-cid"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// Multicodec and multihash codes a ciphertext CID may use: raw leaves or a
// unixfs dag-pb root, hashed with sha2-256 (what the companion service's
// importer produces, like `ipfs add --cid-version=1`).
const (
	codecRaw         = 0x55
	codecDagPB       = 0x70
	multihashSHA256  = 0x12
	sha256DigestSize = sha256.Size
)

// CommitmentSize is the size of an envelope commitment (SHA-256).
const CommitmentSize = sha256.Size

// ValidateAddress checks a bech32 account address.
func ValidateAddress(ac address.Codec, field, addr string) error {
	if addr == "" {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s is empty", field)
	}
	if _, err := ac.StringToBytes(addr); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	return nil
}

// ValidateCID checks a ciphertext CID: CIDv1, raw or dag-pb, a full
// sha2-256 multihash, in its canonical (base32) string form so that one
// ciphertext has exactly one spelling on chain.
func ValidateCID(s string) error {
	c, err := cid.Decode(s)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidCID, "%q: %v", s, err)
	}
	p := c.Prefix()
	switch {
	case p.Version != 1:
		return errorsmod.Wrapf(ErrInvalidCID, "%q is CIDv%d, want CIDv1", s, p.Version)
	case p.Codec != codecRaw && p.Codec != codecDagPB:
		return errorsmod.Wrapf(ErrInvalidCID, "%q has codec 0x%x, want raw (0x55) or dag-pb (0x70)", s, p.Codec)
	case p.MhType != multihashSHA256 || p.MhLength != sha256DigestSize:
		return errorsmod.Wrapf(ErrInvalidCID, "%q is not hashed with a 32-byte sha2-256", s)
	case c.String() != s:
		return errorsmod.Wrapf(ErrInvalidCID, "%q is not canonical, write it as %s", s, c.String())
	}
	return nil
}

// ValidateCiphertextHash checks a ciphertext SHA-256.
func ValidateCiphertextHash(h []byte) error {
	if len(h) != sha256DigestSize {
		return errorsmod.Wrapf(ErrInvalidHash, "%d bytes, want %d", len(h), sha256DigestSize)
	}
	return nil
}

// ValidateCommitment checks an envelope commitment.
func ValidateCommitment(field string, c []byte) error {
	if len(c) != CommitmentSize {
		return errorsmod.Wrapf(ErrInvalidCommitment, "%s is %d bytes, want %d", field, len(c), CommitmentSize)
	}
	return nil
}

// ValidateSuite checks a content encryption suite.
func ValidateSuite(s EncryptionSuite) error {
	switch s {
	case ENCRYPTION_SUITE_STREAM_V1_AES256GCM, ENCRYPTION_SUITE_STREAM_V1_CHACHA20POLY1305:
		return nil
	}
	return errorsmod.Wrapf(ErrInvalidSuite, "%s", s)
}

// ValidateContentType checks an optional media type or schema name:
// printable ASCII without surrounding spaces.
func ValidateContentType(s string, p Params) error {
	if s == "" {
		return nil
	}
	if len(s) > int(p.MaxContentTypeLength) {
		return errorsmod.Wrapf(ErrInvalidContentType, "%d bytes, at most %d", len(s), p.MaxContentTypeLength)
	}
	if strings.TrimSpace(s) != s {
		return errorsmod.Wrapf(ErrInvalidContentType, "%q has surrounding spaces", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return errorsmod.Wrapf(ErrInvalidContentType, "%q has a character outside printable ASCII", s)
		}
	}
	return nil
}

// ValidateTag checks one tag: lowercase ASCII letters, digits and "-_.:/",
// starting with a letter or digit. Tags are public: they must name a
// category ("home-sensors"), not reveal content.
func ValidateTag(tag string, p Params) error {
	if tag == "" {
		return errorsmod.Wrapf(ErrInvalidTag, "empty tag")
	}
	if len(tag) > int(p.MaxTagLength) {
		return errorsmod.Wrapf(ErrInvalidTag, "%q is %d bytes, at most %d", tag, len(tag), p.MaxTagLength)
	}
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		alnum := (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		if !alnum && (i == 0 || !strings.ContainsRune("-_.:/", rune(c))) {
			return errorsmod.Wrapf(ErrInvalidTag, "%q: only a-z, 0-9 and -_.:/ (not first) are allowed", tag)
		}
	}
	return nil
}

// ValidateTags checks a record's tags: bounded in number, each valid, none
// repeated.
func ValidateTags(tags []string, p Params) error {
	if len(tags) > int(p.MaxTags) {
		return errorsmod.Wrapf(ErrTooManyTags, "%d tags, at most %d", len(tags), p.MaxTags)
	}
	for i, tag := range tags {
		if err := ValidateTag(tag, p); err != nil {
			return err
		}
		for _, earlier := range tags[:i] {
			if earlier == tag {
				return errorsmod.Wrapf(ErrInvalidTag, "%q listed twice", tag)
			}
		}
	}
	return nil
}

// ValidateText checks optional free text (a rejection reason, an
// attestation statement): bounded, valid UTF-8, no control characters.
func ValidateText(field, s string, maxLen uint32) error {
	if !utf8.ValidString(s) {
		return errorsmod.Wrapf(ErrInvalidText, "%s is not valid UTF-8", field)
	}
	if n := utf8.RuneCountInString(s); n > int(maxLen) {
		return errorsmod.Wrapf(ErrInvalidText, "%s is %d characters, at most %d", field, n, maxLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return errorsmod.Wrapf(ErrInvalidText, "%s contains a control character", field)
		}
	}
	return nil
}

// ValidatePurpose checks a grant's or request's purpose: non-blank free text
// within max_purpose_length, plus a known purpose code.
func ValidatePurpose(purpose string, code PurposeCode, p Params) error {
	if strings.TrimSpace(purpose) == "" {
		return errorsmod.Wrapf(ErrInvalidPurpose, "purpose is empty")
	}
	if err := ValidateText("purpose", purpose, p.MaxPurposeLength); err != nil {
		return errorsmod.Wrapf(ErrInvalidPurpose, "%v", err)
	}
	return ValidatePurposeCode(code)
}

// ValidatePurposeCode checks a purpose code is one of the defined ones.
func ValidatePurposeCode(code PurposeCode) error {
	if _, known := PurposeCode_name[int32(code)]; !known || code == PURPOSE_CODE_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidPurpose, "purpose code %s", code)
	}
	return nil
}

// Validate checks that a scope names exactly one of a record or a tag.
func (s GrantScope) Validate(p Params) error {
	switch {
	case s.RecordId != 0 && s.Tag != "":
		return errorsmod.Wrapf(ErrInvalidScope, "names both record %d and tag %q", s.RecordId, s.Tag)
	case s.RecordId != 0:
		return nil
	case s.Tag != "":
		if err := ValidateTag(s.Tag, p); err != nil {
			return errorsmod.Wrapf(ErrInvalidScope, "%v", err)
		}
		return nil
	}
	return errorsmod.Wrapf(ErrInvalidScope, "names neither a record nor a tag")
}

// IsTag says whether the scope is a tag.
func (s GrantScope) IsTag() bool { return s.Tag != "" }

// Describe names the scope for error messages.
func (s GrantScope) Describe() string {
	if s.IsTag() {
		return fmt.Sprintf("tag %q", s.Tag)
	}
	return fmt.Sprintf("record %d", s.RecordId)
}

// ValidateDuration checks a requested grant duration.
func ValidateDuration(d time.Duration, p Params) error {
	if d <= 0 || d > p.MaxGrantDuration {
		return errorsmod.Wrapf(ErrInvalidDuration, "%s is outside (0, %s]", d, p.MaxGrantDuration)
	}
	return nil
}
