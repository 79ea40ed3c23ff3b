package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/msec-city/msec/envelope"
	"github.com/msec-city/msec/x/ccdb/types"
)

func TestDefaultParamsAreValid(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
}

func TestParamsRefusals(t *testing.T) {
	cases := map[string]func(*types.Params){
		"zero quorum":             func(p *types.Params) { p.ErasureQuorum = math.LegacyZeroDec() },
		"quorum above one":        func(p *types.Params) { p.ErasureQuorum = math.LegacyNewDecWithPrec(101, 2) },
		"nil quorum":              func(p *types.Params) { p.ErasureQuorum = math.LegacyDec{} },
		"no tags":                 func(p *types.Params) { p.MaxTags = 0 },
		"tags over ceiling":       func(p *types.Params) { p.MaxTags = types.MaxTagsCeiling + 1 },
		"tag length over ceiling": func(p *types.Params) { p.MaxTagLength = types.MaxTagLengthCeiling + 1 },
		"zero purpose length":     func(p *types.Params) { p.MaxPurposeLength = 0 },
		"zero content type":       func(p *types.Params) { p.MaxContentTypeLength = 0 },
		"zero envelopes":          func(p *types.Params) { p.MaxEnvelopesPerMsg = 0 },
		"envelopes over ceiling":  func(p *types.Params) { p.MaxEnvelopesPerMsg = types.MaxEnvelopesCeiling + 1 },
		"no pruning":              func(p *types.Params) { p.MaxPrunePerBlock = 0 },
		"zero grant duration":     func(p *types.Params) { p.MaxGrantDuration = 0 },
		"grant duration over ceiling": func(p *types.Params) {
			p.MaxGrantDuration = types.MaxGrantDurationCeiling + time.Second
		},
		"zero receipt validity":     func(p *types.Params) { p.ReceiptValidity = 0 },
		"negative receipt validity": func(p *types.Params) { p.ReceiptValidity = -time.Second },
		"receipt validity over a week": func(p *types.Params) {
			p.ReceiptValidity = types.MaxReceiptValidityCeiling + time.Second
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			p := types.DefaultParams()
			mutate(&p)
			require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
		})
	}
}

func TestErasureQuorumMath(t *testing.T) {
	twoThirds := types.DefaultErasureQuorum()
	half := math.LegacyNewDecWithPrec(5, 1)
	cases := []struct {
		quorum         math.LegacyDec
		active, needed uint64
	}{
		{twoThirds, 0, 0},
		{twoThirds, 1, 1},
		{twoThirds, 2, 2},
		{twoThirds, 3, 2}, // 2/3 exactly, despite 0.666...667
		{twoThirds, 4, 3},
		{twoThirds, 5, 4},
		{twoThirds, 6, 4},
		{twoThirds, 9, 6},
		{twoThirds, 10, 7},
		{twoThirds, 100, 67},
		{half, 4, 2},
		{half, 5, 3},
		{math.LegacyOneDec(), 7, 7},
		{math.LegacyNewDecWithPrec(1, 2), 7, 1},
	}
	for _, tc := range cases {
		require.Equal(t, tc.needed, types.RequiredAttestations(tc.quorum, tc.active), "quorum %s of %d", tc.quorum, tc.active)
		if tc.needed > 0 {
			require.True(t, types.QuorumReached(tc.quorum, tc.needed, tc.active))
			require.False(t, types.QuorumReached(tc.quorum, tc.needed-1, tc.active))
		}
	}
	require.True(t, types.QuorumReached(twoThirds, 3, 2), "attesters later removed still count")
	require.False(t, types.QuorumReached(twoThirds, 0, 0))
}

// The suite enum is the envelope package's stream algorithm byte.
func TestEncryptionSuiteMatchesStreamAlgorithm(t *testing.T) {
	require.Equal(t, int32(envelope.AES256GCM), int32(types.ENCRYPTION_SUITE_STREAM_V1_AES256GCM))
	require.Equal(t, int32(envelope.ChaCha20Poly1305), int32(types.ENCRYPTION_SUITE_STREAM_V1_CHACHA20POLY1305))
}
