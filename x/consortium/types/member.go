package types

import (
	"crypto/ed25519"
	"regexp"
	"unicode"
	"unicode/utf8"

	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

const (
	// MaxMemberPower keeps the total far below CometBFT's MaxTotalVotingPower.
	MaxMemberPower = 1_000_000_000
	// MaxNameLength bounds member names.
	MaxNameLength = 64
	// MaxPurposeLength bounds an observer node's purpose.
	MaxPurposeLength = 256
)

// nodeIDPattern is CometBFT's node ID: the hex address of the node key.
var nodeIDPattern = regexp.MustCompile(`^[0-9a-f]{40}$`)

// ValidateNodeID checks a CometBFT node ID.
func ValidateNodeID(id string) error {
	if !nodeIDPattern.MatchString(id) {
		return errorsmod.Wrapf(ErrInvalidNodeID, "%q is not 40 lowercase hex characters", id)
	}
	return nil
}

// ValidateNodeIDs checks each ID and that none repeats.
func ValidateNodeIDs(ids []string) error {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if err := ValidateNodeID(id); err != nil {
			return err
		}
		if seen[id] {
			return errorsmod.Wrapf(ErrDuplicateNodeID, "%s listed twice", id)
		}
		seen[id] = true
	}
	return nil
}

// ValidateConsensusPubKey checks an ed25519 consensus public key.
func ValidateConsensusPubKey(pk []byte) error {
	if len(pk) != ed25519.PublicKeySize {
		return errorsmod.Wrapf(ErrInvalidConsKey, "ed25519 key must be %d bytes, got %d", ed25519.PublicKeySize, len(pk))
	}
	return nil
}

// ConsensusAddress is the CometBFT validator address of an ed25519 key.
func ConsensusAddress(pk []byte) []byte {
	return cmted25519.PubKey(pk).Address()
}

// ValidatePower checks a member's power.
func ValidatePower(power int64) error {
	if power < 0 || power > MaxMemberPower {
		return errorsmod.Wrapf(ErrInvalidPower, "%d is outside [0, %d]", power, MaxMemberPower)
	}
	return nil
}

// ValidateName checks a human-readable name: non-empty, bounded, printable.
func ValidateName(name string) error {
	if name == "" {
		return errorsmod.Wrap(ErrInvalidMember, "name is empty")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return errorsmod.Wrapf(ErrInvalidMember, "name longer than %d characters", MaxNameLength)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return errorsmod.Wrap(ErrInvalidMember, "name contains a non-printable character")
		}
	}
	return nil
}

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

// Validate checks a member's own fields (not its relation to other members).
func (m Member) Validate(ac address.Codec) error {
	if err := ValidateAddress(ac, "member address", m.Address); err != nil {
		return err
	}
	if err := ValidateName(m.Name); err != nil {
		return err
	}
	if err := ValidateNodeIDs(m.NodeIds); err != nil {
		return err
	}
	if err := ValidateConsensusPubKey(m.ConsensusPubkey); err != nil {
		return err
	}
	if err := ValidatePower(m.Power); err != nil {
		return err
	}
	switch m.Status {
	case MEMBER_STATUS_ACTIVE:
	case MEMBER_STATUS_SUSPENDED:
		if m.Power != 0 {
			return errorsmod.Wrapf(ErrInvalidMember, "suspended member %s has power %d", m.Address, m.Power)
		}
	default:
		return errorsmod.Wrapf(ErrInvalidMember, "member %s has status %s", m.Address, m.Status)
	}
	return nil
}

// VotingPower is the power the member contributes to consensus.
func (m Member) VotingPower() int64 {
	if m.Status != MEMBER_STATUS_ACTIVE {
		return 0
	}
	return m.Power
}

// Validate checks an observer node's own fields.
func (o ObserverNode) Validate(ac address.Codec) error {
	if err := ValidateNodeID(o.NodeId); err != nil {
		return err
	}
	if err := ValidateAddress(ac, "observer owner", o.Owner); err != nil {
		return err
	}
	if o.Purpose == "" {
		return errorsmod.Wrap(ErrInvalidObserver, "purpose is empty")
	}
	if utf8.RuneCountInString(o.Purpose) > MaxPurposeLength {
		return errorsmod.Wrapf(ErrInvalidObserver, "purpose longer than %d characters", MaxPurposeLength)
	}
	return nil
}
