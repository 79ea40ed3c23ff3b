package companion

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Pin reasons say why content is kept, so that a custodian knows what to
// drop when a record or a grant ends, and an operator reading
// `msecd ipfs stat --pins` knows what each pin is for:
//
//	ccdb/upload/<unix deadline>            an upload not yet on chain
//	ccdb/record/<id>/v<version>            a record version's ciphertext
//	ccdb/envelope/<id>/v<version>/<grantee> a grantee's (or the owner's) envelope
const (
	reasonUploadPrefix   = "ccdb/upload/"
	reasonRecordPrefix   = "ccdb/record/"
	reasonEnvelopePrefix = "ccdb/envelope/"
)

func uploadReason(deadline time.Time) string {
	return reasonUploadPrefix + strconv.FormatInt(deadline.Unix(), 10)
}

// uploadDeadline parses an upload reason; ok is false for other reasons.
func uploadDeadline(reason string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(reason, reasonUploadPrefix)
	if !ok {
		return time.Time{}, false
	}
	secs, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}

func recordReason(recordID, version uint64) string {
	return fmt.Sprintf("%s%d/v%d", reasonRecordPrefix, recordID, version)
}

func envelopeReason(recordID, version uint64, grantee string) string {
	return fmt.Sprintf("%s%d/v%d/%s", reasonEnvelopePrefix, recordID, version, grantee)
}

// recordPrefixes are the prefixes of every reason that keeps something of
// a record: its versions and all their envelopes.
func recordPrefixes(recordID uint64) []string {
	id := strconv.FormatUint(recordID, 10)
	return []string{reasonRecordPrefix + id + "/", reasonEnvelopePrefix + id + "/"}
}
