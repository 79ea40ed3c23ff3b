package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/companion"
	"github.com/msec-city/msec/companion/api"
	"github.com/msec-city/msec/companion/requestauth"
	"github.com/msec-city/msec/envelope"
)

// ccdbOffset keeps this localnet's ports apart from the other e2e tests'.
const ccdbOffset = 4500

// marker is in Margaret's export and must never appear on a node's disk.
const marker = "MARGARET-HOME-SENSOR-PLAINTEXT-7f3a9c"

// homeSensorExport is a few MiB of sensor rows with the marker in them.
func homeSensorExport() []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "2026-03-01T%02d:%02d:%02dZ,%s,kitchen,motion,%d\n", i/3600%24, i/60%60, i%60, marker, i)
	}
	return b.Bytes()
}

// TestCCDBStory is Margaret's story on real msecd processes: four
// validators, each with its IPFS node and companion service.
func TestCCDBStory(t *testing.T) {
	net := StartLocalnet(t, msecd, ccdbOffset)
	t.Cleanup(net.dumpCompanionLogs)
	// node3 keeps no transaction index: the son reads through it, and its
	// custodian attests the erasure through it, all the same.
	net.WithoutTxIndex(3)
	dir := t.TempDir()
	people := []string{"margaret", "nurse", "son", "stranger"}
	addr := map[string]string{}
	for _, p := range people {
		addr[p] = net.AddKey(p)
	}
	net.Tx("alice", "tx", "bank", "multi-send", net.Address("alice"), addr["margaret"], addr["nurse"], addr["son"], addr["stranger"], "100000000umsec")
	for _, p := range people {
		out, err := net.CCDB(0, p, net.Mnemonic(p)+"\n", "keys", "init")
		require.NoError(t, err, out)
		require.Equal(t, "now", Fields(out)["registered"], out)
	}

	// Margaret stores her export through node0 and grants her nurse 30 days
	// of "home care" in the same step.
	export := homeSensorExport()
	exportFile := filepath.Join(dir, "export.csv")
	require.NoError(t, os.WriteFile(exportFile, export, 0o600))
	put := net.MustCCDB(0, "margaret", "put", exportFile, "--tag", "home-sensors", "--content-type", "text/csv",
		"--grant", addr["nurse"], "--purpose", "home care", "--purpose-code", "care", "--expires", "30d")
	require.Equal(t, "1", put["record"])
	nurseGrant := put["grant"]
	var rec struct {
		Current struct {
			CID                     string `json:"cid"`
			OwnerEnvelopeCommitment []byte `json:"owner_envelope_commitment"`
		} `json:"current"`
	}
	net.QueryJSON(&rec, "ccdb", "record", "1")
	require.Equal(t, put["cid"], rec.Current.CID)
	net.requireIndexedBySenderOnly(put["height"], addr["margaret"])

	// The nurse reads it through another member's service (node2 fetches
	// ciphertext and envelope over bitswap); her read receipt is on chain.
	nurseCopy := filepath.Join(dir, "nurse.csv")
	got := net.MustCCDB(2, "nurse", "get", "1", "-o", nurseCopy)
	require.Equal(t, "1", got["receipt"])
	requireFile(t, nurseCopy, export)
	var receipts struct {
		Receipts []struct {
			Reader string `json:"reader"`
		} `json:"receipts"`
	}
	net.QueryJSON(&receipts, "ccdb", "receipts-by-record", "1")
	require.Len(t, receipts.Receipts, 1)
	require.Equal(t, addr["nurse"], receipts.Receipts[0].Reader)

	// Every custodian keeps the ciphertext and both envelopes.
	nurseEnvelope := envelopeCommitment(t, net, 1, 1, addr["nurse"])
	blocks := []string{rec.Current.CID, envelopeCID(t, rec.Current.OwnerEnvelopeCommitment), envelopeCID(t, nurseEnvelope)}
	waitForBlocks(t, net, blocks, true)

	// A stranger cannot read it.
	out, err := net.CCDB(1, "stranger", "", "get", "1", "-o", filepath.Join(dir, "stranger.csv"))
	require.Error(t, err)
	require.Contains(t, out, "no live grant")

	// Nor can a node operator with full access to its IPFS store and disk:
	// the service refuses it without a receipt, the store holds only
	// ciphertext, its envelopes do not open with the operator's key, and no
	// file under any node home holds the plaintext.
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	operator := signedClient(t, net, 0, "member0")
	_, _, err = operator.DownloadCiphertext(ctx, 1, 0, 0, &bytes.Buffer{})
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	_, _, err = operator.DownloadEnvelope(ctx, 1, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	ciphertext := net.Node(0, "ipfs", "cat", rec.Current.CID)
	require.NotContains(t, ciphertext, marker)
	operatorKey, err := envelope.DeriveKey(net.Mnemonic("member0"), "", envelope.SuiteX25519)
	require.NoError(t, err)
	for _, c := range blocks[1:] {
		env := net.Cat(0, c)
		for _, recipient := range []string{net.Address("member0"), addr["nurse"], addr["margaret"]} {
			_, err := envelope.Open(operatorKey, env, envelope.Binding{ChainID: "msec-localnet", RecordID: "1", Version: 1, Recipient: recipient})
			require.ErrorIs(t, err, envelope.ErrNotRecipient)
		}
	}
	for i := 0; i < 4; i++ {
		requireNoFileContains(t, net.Home(i), marker)
	}

	// Replayed and forged API requests are refused.
	requireBadRequestsRefused(t, net, addr["nurse"])

	// Margaret revokes the nurse: her next read is refused, by the client,
	// by the chain and by the service (although her last receipt is only
	// minutes old), and every custodian deletes her envelope.
	net.MustCCDB(0, "margaret", "revoke", nurseGrant)
	out, err = net.CCDB(2, "nurse", "", "get", "1", "-o", filepath.Join(dir, "again.csv"))
	require.Error(t, err)
	require.Contains(t, out, "no live grant")
	out, err = net.CCDB(2, "nurse", "", "get", "1", "-o", filepath.Join(dir, "again.csv"), "--grant", nurseGrant)
	require.Error(t, err)
	require.Contains(t, out, "grant was revoked")
	_, _, err = signedClient(t, net, 2, "nurse").DownloadEnvelope(ctx, 1, 0, 0)
	require.True(t, ccdbclient.IsServiceError(err, api.CodeForbidden), "%v", err)
	require.ErrorContains(t, err, "REVOKED")
	waitForBlocks(t, net, blocks[2:], false)

	// Her son asks for access; she approves; he reads.
	req := net.MustCCDB(1, "son", "request", "1", "--purpose", "family check-in", "--purpose-code", "family", "--duration", "30d")
	approved := net.MustCCDB(0, "margaret", "approve", req["request"])
	require.NotEmpty(t, approved["grant"])
	sonCopy := filepath.Join(dir, "son.csv")
	net.MustCCDB(3, "son", "get", "1", "-o", sonCopy)
	requireFile(t, sonCopy, export)
	sonEnvelope := envelopeCID(t, envelopeCommitment(t, net, 1, 1, addr["son"]))

	ccdbExtras(t, net, dir, addr)

	// She erases the record: every custodian deletes its blocks and all
	// envelopes and attests; the record is ERASED.
	erased := net.MustCCDB(0, "margaret", "erase", "1", "--wait", "90s")
	require.Equal(t, "ERASED", erased["status"])
	var status struct {
		Status       string `json:"status"`
		Attestations []struct {
			Custodian string `json:"custodian"`
		} `json:"attestations"`
	}
	net.WaitFor("all four custodians' attestations", 60*time.Second, func() bool {
		net.QueryJSON(&status, "ccdb", "erasure", "1")
		return len(status.Attestations) == 4
	})
	require.Equal(t, "RECORD_STATUS_ERASED", status.Status)
	for i := 0; i < 4; i++ {
		require.True(t, slices.ContainsFunc(status.Attestations, func(a struct {
			Custodian string `json:"custodian"`
		}) bool {
			return a.Custodian == net.Address(fmt.Sprintf("member%d", i))
		}), "member%d attested", i)
	}
	waitForBlocks(t, net, []string{rec.Current.CID, blocks[1], sonEnvelope}, false)
	for i := 0; i < 4; i++ {
		pins := net.Node(i, "ipfs", "stat", "--pins")
		require.NotContains(t, pins, "ccdb/record/1/", "node%d", i)
		require.NotContains(t, pins, "ccdb/envelope/1/", "node%d", i)
	}

	// The audit trail shows all of it, in order.
	trail := auditEvents(t, net)
	require.Equal(t, []string{
		"RECORD_PUT", "GRANT_CREATED", "RECORD_ACCESSED", "GRANT_REVOKED",
		"ACCESS_REQUESTED", "GRANT_CREATED", "REQUEST_APPROVED", "RECORD_ACCESSED", "ERASURE_REQUESTED",
	}, trail[:9])
	rest := trail[9:]
	require.Equal(t, 4, countOf(rest, "ERASURE_ATTESTED"), "%v", rest)
	require.Equal(t, 1, countOf(rest, "RECORD_ERASED"), "%v", rest)
	require.Equal(t, 1, countOf(rest, "GRANT_ENDED_BY_ERASURE"), "%v", rest)
	require.Len(t, rest, 6)
	erasedAt := slices.Index(rest, "RECORD_ERASED")
	require.Equal(t, 3, countOf(rest[:erasedAt], "ERASURE_ATTESTED"), "the quorum is 3 of 4: %v", rest)
}

// ccdbExtras: a tag-scoped grant covers a later record; expiry and
// max-uses are enforced.
func ccdbExtras(t *testing.T, net *Localnet, dir string, addr map[string]string) {
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	// The son may read every daily summary, including ones written later.
	net.MustCCDB(0, "margaret", "grant", "--tag", "daily-summary", addr["son"], "--purpose", "family", "--purpose-code", "family", "--expires", "7d")
	summary := net.MustCCDB(1, "margaret", "put", write("summary.txt", "slept well, 2 walks"), "--tag", "daily-summary")
	sonSummary := filepath.Join(dir, "son-summary.txt")
	net.MustCCDB(2, "son", "get", summary["record"], "-o", sonSummary)
	requireFile(t, sonSummary, []byte("slept well, 2 walks"))

	// A grant for 20 seconds, and one for a single read.
	short := net.MustCCDB(0, "margaret", "put", write("visit.txt", "visit notes"),
		"--grant", addr["nurse"], "--purpose", "one visit", "--purpose-code", "care", "--expires", "20s")
	expiresBy := time.Now().Add(20 * time.Second)
	net.MustCCDB(0, "nurse", "get", short["record"], "-o", filepath.Join(dir, "visit-nurse.txt"))
	once := net.MustCCDB(0, "margaret", "grant", short["record"], addr["stranger"], "--purpose", "survey", "--purpose-code", "research", "--max-uses", "1")
	net.MustCCDB(0, "stranger", "get", short["record"], "-o", filepath.Join(dir, "visit-stranger.txt"))
	out, err := net.CCDB(0, "stranger", "", "get", short["record"], "-o", filepath.Join(dir, "again.txt"), "--grant", once["grant"])
	require.Error(t, err)
	require.Contains(t, out, "grant has no uses left")

	time.Sleep(time.Until(expiresBy.Add(3 * time.Second)))
	out, err = net.CCDB(0, "nurse", "", "get", short["record"], "-o", filepath.Join(dir, "late.txt"), "--grant", short["grant"])
	require.Error(t, err)
	require.Contains(t, out, "grant has expired")
}

// requireBadRequestsRefused sends a replayed, a forged and a tampered
// request to node1's service.
func requireBadRequestsRefused(t *testing.T, net *Localnet, nurse string) {
	url := net.Companion(1) + strings.Replace(api.PathRecordEnvelope, "{id}", "1", 1)
	info := serviceInfo(t, url[:strings.Index(url, "/v1/")])
	send := func(req *http.Request) (int, string) {
		resp, err := httpClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var e api.Error
		_ = jsonDecode(resp, &e)
		return resp.StatusCode, e.Error
	}
	sign := func(key requestauth.Signer) *http.Request {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		require.NoError(t, err)
		require.NoError(t, requestauth.Sign(req, sha256.Sum256(nil), key, info.ChainID, info.ServiceID, time.Now()))
		return req
	}
	nurseKey := requestauth.PrivKeySigner{Key: net.SigningKey("nurse")}

	first := sign(nurseKey)
	status, _ := send(first)
	require.Equal(t, http.StatusOK, status, "the nurse still holds a fresh receipt")
	status, msg := send(first.Clone(context.Background()))
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, msg, "replayed")

	forged := sign(requestauth.PrivKeySigner{Key: net.SigningKey("stranger")})
	forged.Header.Set(requestauth.HeaderAddress, nurse)
	status, msg = send(forged)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, msg, "does not belong to the claimed address")

	tampered := sign(nurseKey)
	tampered.URL.RawQuery = "version=2"
	status, msg = send(tampered)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, msg, "signature does not verify")

	elsewhere := sign(nurseKey)
	other := serviceInfo(t, net.Companion(2))
	elsewhere.Header.Set(requestauth.HeaderService, other.ServiceID)
	status, msg = send(elsewhere)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, msg, "another companion service")
}

func serviceInfo(t *testing.T, base string) api.Info {
	resp, err := httpClient.Get(base + api.PathInfo)
	require.NoError(t, err)
	defer resp.Body.Close()
	var info api.Info
	require.NoError(t, jsonDecode(resp, &info))
	return info
}

// signedClient is a client of node i's service signing with name's key.
func signedClient(t *testing.T, net *Localnet, i int, name string) *ccdbclient.Companion {
	c, err := ccdbclient.NewCompanion(net.Companion(i), requestauth.PrivKeySigner{Key: net.SigningKey(name)})
	require.NoError(t, err)
	return c
}

func envelopeCommitment(t *testing.T, net *Localnet, record, version int, grantee string) []byte {
	var res struct {
		Envelope struct {
			Commitment []byte `json:"commitment"`
		} `json:"envelope"`
	}
	net.QueryJSON(&res, "ccdb", "envelope", fmt.Sprint(record), fmt.Sprint(version), grantee)
	require.Len(t, res.Envelope.Commitment, 32)
	return res.Envelope.Commitment
}

func envelopeCID(t *testing.T, commitment []byte) string {
	c, err := companion.EnvelopeCID(commitment)
	require.NoError(t, err, base64.StdEncoding.EncodeToString(commitment))
	return c.String()
}

// waitForBlocks waits until every node has (or has not) every block.
func waitForBlocks(t *testing.T, net *Localnet, cids []string, present bool) {
	what := map[bool]string{true: "every custodian to store", false: "every custodian to delete"}[present]
	net.WaitFor(fmt.Sprintf("%s %v", what, cids), 60*time.Second, func() bool {
		for i := 0; i < 4; i++ {
			for _, c := range cids {
				if net.HasBlock(i, c) != present {
					return false
				}
			}
		}
		return true
	})
}

func auditEvents(t *testing.T, net *Localnet) []string {
	out, err := auditOutput(net, "csv")
	require.NoError(t, err, out)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err, out)
	require.Equal(t, "event", rows[0][3])
	var events []string
	for _, r := range rows[1:] {
		events = append(events, r[3])
	}
	table, err := auditOutput(net, "table")
	require.NoError(t, err, table)
	require.Contains(t, table, "ERASURE_ATTESTED")
	return events
}

func auditOutput(net *Localnet, format string) (string, error) {
	return net.CLI(0, "ccdb", "audit", "1", "--output", format, "--node", strings.Replace(net.RPC(0), "http", "tcp", 1))
}

func countOf(list []string, s string) int {
	n := 0
	for _, v := range list {
		if v == s {
			n++
		}
	}
	return n
}

func requireFile(t *testing.T, path string, want []byte) {
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Equal(want, got), "%s differs from what was stored", path)
}

// requireNoFileContains walks a node home and fails if any file holds s.
func requireNoFileContains(t *testing.T, root, s string) {
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // a running node's temporary file, gone since listed
		}
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		bz, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		files++
		if bytes.Contains(bz, []byte(s)) {
			t.Errorf("%s contains the plaintext marker", path)
		}
		return nil
	})
	require.NoError(t, err)
	require.Positive(t, files)
}
