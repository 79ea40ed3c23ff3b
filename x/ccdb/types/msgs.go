package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/msec-city/msec/envelope"
)

// MaxFreeTextLength bounds an attestation statement and a rejection reason.
const MaxFreeTextLength = 256

// Validator is implemented by every Msg of the module: the checks that need
// no state beyond the params. The keeper runs them first.
type Validator interface {
	Validate(ac address.Codec, p Params) error
}

var (
	_ Validator = (*MsgRegisterEncryptionKey)(nil)
	_ Validator = (*MsgPutRecord)(nil)
	_ Validator = (*MsgUpdateRecord)(nil)
	_ Validator = (*MsgEraseRecord)(nil)
	_ Validator = (*MsgGrantAccess)(nil)
	_ Validator = (*MsgRevokeAccess)(nil)
	_ Validator = (*MsgRequestAccess)(nil)
	_ Validator = (*MsgApproveRequest)(nil)
	_ Validator = (*MsgRejectRequest)(nil)
	_ Validator = (*MsgAccessRecord)(nil)
	_ Validator = (*MsgAttestErasure)(nil)
	_ Validator = (*MsgUpdateParams)(nil)
)

// Validate checks the key parses in the envelope package's binary encoding.
func (msg *MsgRegisterEncryptionKey) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if _, err := envelope.ParsePublicKey(msg.PublicKey); err != nil {
		return errorsmod.Wrapf(ErrInvalidPublicKey, "%v", err)
	}
	return nil
}

// content is what MsgPutRecord and MsgUpdateRecord say about a version.
type content struct {
	cid             string
	ciphertextHash  []byte
	size            uint64
	contentType     string
	suite           EncryptionSuite
	ownerCommitment []byte
}

func (c content) validate(p Params) error {
	if err := ValidateCID(c.cid); err != nil {
		return err
	}
	if err := ValidateCiphertextHash(c.ciphertextHash); err != nil {
		return err
	}
	if c.size == 0 {
		return errorsmod.Wrapf(ErrInvalidSize, "size is 0, a ciphertext stream is never empty")
	}
	if err := ValidateContentType(c.contentType, p); err != nil {
		return err
	}
	if err := ValidateSuite(c.suite); err != nil {
		return err
	}
	return ValidateCommitment("owner envelope commitment", c.ownerCommitment)
}

// validateGranteeEnvelopes checks a new version's envelope list: bounded,
// valid commitments, each grantee once and never the owner.
func validateGranteeEnvelopes(ac address.Codec, owner string, envs []GranteeEnvelope, p Params) error {
	if len(envs) > int(p.MaxEnvelopesPerMsg) {
		return errorsmod.Wrapf(ErrTooManyEnvelopes, "%d, at most %d", len(envs), p.MaxEnvelopesPerMsg)
	}
	for i, e := range envs {
		if err := ValidateAddress(ac, "envelope grantee", e.Grantee); err != nil {
			return err
		}
		if e.Grantee == owner {
			return errorsmod.Wrapf(ErrUnexpectedEnvelope, "the owner's envelope goes in owner_envelope_commitment")
		}
		if err := ValidateCommitment("envelope of "+e.Grantee, e.Commitment); err != nil {
			return err
		}
		for _, earlier := range envs[:i] {
			if earlier.Grantee == e.Grantee {
				return errorsmod.Wrapf(ErrDuplicateEnvelope, "grantee %s", e.Grantee)
			}
		}
	}
	return nil
}

// ValidateRecordEnvelopes checks a grant's envelope list: bounded, valid
// commitments, each (record, version) once. Whether each is in the grant's
// scope is checked against state by the keeper.
func ValidateRecordEnvelopes(envs []RecordEnvelope, p Params) error {
	if len(envs) > int(p.MaxEnvelopesPerMsg) {
		return errorsmod.Wrapf(ErrTooManyEnvelopes, "%d, at most %d", len(envs), p.MaxEnvelopesPerMsg)
	}
	for i, e := range envs {
		if e.RecordId == 0 || e.Version == 0 {
			return errorsmod.Wrapf(ErrVersionNotFound, "envelope %d names record %d version %d; both start at 1", i, e.RecordId, e.Version)
		}
		if err := ValidateCommitment(fmt.Sprintf("envelope of record %d version %d", e.RecordId, e.Version), e.Commitment); err != nil {
			return err
		}
		for _, earlier := range envs[:i] {
			if earlier.RecordId == e.RecordId && earlier.Version == e.Version {
				return errorsmod.Wrapf(ErrDuplicateEnvelope, "record %d version %d", e.RecordId, e.Version)
			}
		}
	}
	return nil
}

func validateRecordID(id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(ErrRecordNotFound, "record IDs start at 1")
	}
	return nil
}

// Validate checks a new record's fields.
func (msg *MsgPutRecord) Validate(ac address.Codec, p Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	c := content{msg.Cid, msg.CiphertextSha256, msg.Size_, msg.ContentType, msg.EncryptionSuite, msg.OwnerEnvelopeCommitment}
	if err := c.validate(p); err != nil {
		return err
	}
	if err := ValidateTags(msg.Tags, p); err != nil {
		return err
	}
	return validateGranteeEnvelopes(ac, msg.Owner, msg.Envelopes, p)
}

// Validate checks a new version's fields.
func (msg *MsgUpdateRecord) Validate(ac address.Codec, p Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if err := validateRecordID(msg.RecordId); err != nil {
		return err
	}
	c := content{msg.Cid, msg.CiphertextSha256, msg.Size_, msg.ContentType, msg.EncryptionSuite, msg.OwnerEnvelopeCommitment}
	if err := c.validate(p); err != nil {
		return err
	}
	return validateGranteeEnvelopes(ac, msg.Owner, msg.Envelopes, p)
}

// Validate checks an erasure request's fields.
func (msg *MsgEraseRecord) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	return validateRecordID(msg.RecordId)
}

// Validate checks a grant's fields; the expiry is checked against block time
// by the keeper.
func (msg *MsgGrantAccess) Validate(ac address.Codec, p Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if err := ValidateAddress(ac, "grantee", msg.Grantee); err != nil {
		return err
	}
	if msg.Owner == msg.Grantee {
		return errorsmod.Wrapf(ErrSelfGrant, "%s", msg.Owner)
	}
	if err := msg.Scope.Validate(p); err != nil {
		return err
	}
	if err := ValidatePurpose(msg.Purpose, msg.PurposeCode, p); err != nil {
		return err
	}
	if msg.ExpiresAt.IsZero() {
		return errorsmod.Wrapf(ErrInvalidExpiry, "expires_at is not set")
	}
	return ValidateRecordEnvelopes(msg.Envelopes, p)
}

// Validate checks a revocation's fields.
func (msg *MsgRevokeAccess) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if msg.GrantId == 0 {
		return errorsmod.Wrapf(ErrGrantNotFound, "grant IDs start at 1")
	}
	return nil
}

// Validate checks an access request's fields.
func (msg *MsgRequestAccess) Validate(ac address.Codec, p Params) error {
	if err := ValidateAddress(ac, "requester", msg.Requester); err != nil {
		return err
	}
	if err := msg.Scope.Validate(p); err != nil {
		return err
	}
	if msg.Owner != "" || msg.Scope.IsTag() {
		if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
			return errorsmod.Wrap(err, "owner (a tag scope must name one)")
		}
	}
	if msg.Owner == msg.Requester {
		return errorsmod.Wrapf(ErrSelfGrant, "%s", msg.Requester)
	}
	if err := ValidatePurpose(msg.Purpose, msg.PurposeCode, p); err != nil {
		return err
	}
	return ValidateDuration(msg.Duration, p)
}

func validateRequestID(id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(ErrRequestNotFound, "request IDs start at 1")
	}
	return nil
}

// Validate checks an approval's fields.
func (msg *MsgApproveRequest) Validate(ac address.Codec, p Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if err := validateRequestID(msg.RequestId); err != nil {
		return err
	}
	return ValidateRecordEnvelopes(msg.Envelopes, p)
}

// Validate checks a rejection's fields.
func (msg *MsgRejectRequest) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "owner", msg.Owner); err != nil {
		return err
	}
	if err := validateRequestID(msg.RequestId); err != nil {
		return err
	}
	return ValidateText("reason", msg.Reason, MaxFreeTextLength)
}

// Validate checks a read receipt's fields.
func (msg *MsgAccessRecord) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "reader", msg.Reader); err != nil {
		return err
	}
	if err := validateRecordID(msg.RecordId); err != nil {
		return err
	}
	if msg.GrantId == 0 {
		return errorsmod.Wrapf(ErrGrantNotFound, "grant IDs start at 1")
	}
	return ValidatePurposeCode(msg.PurposeCode)
}

// Validate checks an erasure attestation's fields.
func (msg *MsgAttestErasure) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "custodian", msg.Custodian); err != nil {
		return err
	}
	if err := validateRecordID(msg.RecordId); err != nil {
		return err
	}
	return ValidateText("statement", msg.Statement, MaxFreeTextLength)
}

// Validate checks a params update's fields.
func (msg *MsgUpdateParams) Validate(ac address.Codec, _ Params) error {
	if err := ValidateAddress(ac, "authority", msg.Authority); err != nil {
		return err
	}
	return msg.Params.Validate()
}
