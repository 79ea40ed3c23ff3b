package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Defaults sized for a city: a handful of tags per record, a purpose in a
// sentence or two, tag grants over a few hundred records, grants of at most a
// year, and a receipt that authorizes one download within minutes.
const (
	DefaultMaxTags              = 8
	DefaultMaxTagLength         = 32
	DefaultMaxPurposeLength     = 256
	DefaultMaxContentTypeLength = 128
	DefaultMaxEnvelopesPerMsg   = 500
	DefaultMaxGrantDuration     = 365 * 24 * time.Hour
	DefaultMaxPrunePerBlock     = 200
	DefaultReceiptValidity      = 10 * time.Minute
)

// Ceilings no governance change may exceed: they keep one message's
// validation and one block's EndBlock cheap whatever the params say.
const (
	MaxTagsCeiling              = 32
	MaxTagLengthCeiling         = 64
	MaxPurposeLengthCeiling     = 1024
	MaxContentTypeLengthCeiling = 256
	MaxEnvelopesCeiling         = 10_000
	MaxPruneCeiling             = 100_000
	MaxGrantDurationCeiling     = 10 * 365 * 24 * time.Hour
	MaxReceiptValidityCeiling   = 7 * 24 * time.Hour
)

// DefaultErasureQuorum is two thirds of the active members.
func DefaultErasureQuorum() math.LegacyDec {
	return math.LegacyNewDec(2).QuoInt64(3)
}

// DefaultParams returns the default module parameters.
func DefaultParams() Params {
	return Params{
		ErasureQuorum:        DefaultErasureQuorum(),
		MaxTags:              DefaultMaxTags,
		MaxTagLength:         DefaultMaxTagLength,
		MaxPurposeLength:     DefaultMaxPurposeLength,
		MaxContentTypeLength: DefaultMaxContentTypeLength,
		MaxEnvelopesPerMsg:   DefaultMaxEnvelopesPerMsg,
		MaxGrantDuration:     DefaultMaxGrantDuration,
		MaxPrunePerBlock:     DefaultMaxPrunePerBlock,
		ReceiptValidity:      DefaultReceiptValidity,
	}
}

// Validate checks every parameter is usable and within its ceiling.
func (p Params) Validate() error {
	if p.ErasureQuorum.IsNil() || !p.ErasureQuorum.IsPositive() || p.ErasureQuorum.GT(math.LegacyOneDec()) {
		return errorsmod.Wrapf(ErrInvalidParams, "erasure_quorum must be in (0, 1], got %s", p.ErasureQuorum)
	}
	bounded := []struct {
		name       string
		value, max uint32
	}{
		{"max_tags", p.MaxTags, MaxTagsCeiling},
		{"max_tag_length", p.MaxTagLength, MaxTagLengthCeiling},
		{"max_purpose_length", p.MaxPurposeLength, MaxPurposeLengthCeiling},
		{"max_content_type_length", p.MaxContentTypeLength, MaxContentTypeLengthCeiling},
		{"max_envelopes_per_msg", p.MaxEnvelopesPerMsg, MaxEnvelopesCeiling},
		{"max_prune_per_block", p.MaxPrunePerBlock, MaxPruneCeiling},
	}
	for _, b := range bounded {
		if b.value == 0 || b.value > b.max {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be in [1, %d], got %d", b.name, b.max, b.value)
		}
	}
	durations := []struct {
		name       string
		value, max time.Duration
	}{
		{"max_grant_duration", p.MaxGrantDuration, MaxGrantDurationCeiling},
		{"receipt_validity", p.ReceiptValidity, MaxReceiptValidityCeiling},
	}
	for _, d := range durations {
		if d.value <= 0 || d.value > d.max {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be in (0, %s], got %s", d.name, d.max, d.value)
		}
	}
	return nil
}

// RequiredAttestations is the smallest number of attestations out of active
// custodians that meets quorum. The test is the one x/gov uses for its
// tally, attestations/active >= quorum, so 2/3 of 3 is 2 despite 2/3 having
// no exact decimal form. It is 0 when there are no custodians: then no
// erasure can complete.
func RequiredAttestations(quorum math.LegacyDec, active uint64) uint64 {
	for k := uint64(1); k <= active; k++ {
		if QuorumReached(quorum, k, active) {
			return k
		}
	}
	return 0
}

// QuorumReached says whether attestations out of active custodians meet
// quorum.
func QuorumReached(quorum math.LegacyDec, attestations, active uint64) bool {
	if active == 0 || attestations == 0 {
		return false
	}
	ratio := math.LegacyNewDecFromInt(math.NewIntFromUint64(attestations)).Quo(math.LegacyNewDecFromInt(math.NewIntFromUint64(active)))
	return ratio.GTE(quorum)
}
