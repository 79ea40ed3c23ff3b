package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/msec-city/msec/ccdbclient"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// parseDuration accepts Go durations and whole days ("30d").
func parseDuration(flag, s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseUint(days, 10, 16)
		if err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%w: --%s %q: give a duration such as 30d, 12h or 90m", ccdbclient.ErrBadInput, flag, s)
	}
	return d, nil
}

// purposeCodes are the --purpose-code values.
var purposeCodes = map[string]ccdbtypes.PurposeCode{
	"care": ccdbtypes.PURPOSE_CODE_CARE, "research": ccdbtypes.PURPOSE_CODE_RESEARCH,
	"emergency": ccdbtypes.PURPOSE_CODE_EMERGENCY, "family": ccdbtypes.PURPOSE_CODE_FAMILY,
	"service": ccdbtypes.PURPOSE_CODE_SERVICE, "other": ccdbtypes.PURPOSE_CODE_OTHER,
}

const purposeCodeHelp = "care, research, emergency, family, service or other"

func parsePurposeCode(s string) (ccdbtypes.PurposeCode, error) {
	c, ok := purposeCodes[strings.ToLower(s)]
	if !ok {
		return 0, fmt.Errorf("%w: --purpose-code %q: one of %s", ccdbclient.ErrBadInput, s, purposeCodeHelp)
	}
	return c, nil
}

func parseID(what, s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("%w: %s %q is not a positive integer", ccdbclient.ErrBadInput, what, s)
	}
	return id, nil
}

// resolveAddress accepts an address, or the name of a key in the keyring.
func resolveAddress(clientCtx client.Context, what, s string) (string, error) {
	if _, err := sdk.AccAddressFromBech32(s); err == nil {
		return s, nil
	}
	if clientCtx.Keyring != nil {
		if rec, err := clientCtx.Keyring.Key(s); err == nil {
			addr, err := rec.GetAddress()
			if err == nil {
				return addr.String(), nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s %q is neither an address nor a key in your keyring", ccdbclient.ErrBadInput, what, s)
}
