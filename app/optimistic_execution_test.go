package app_test

import (
	"bytes"
	"sync"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"

	"github.com/msec-city/msec/app/apptest"
	"github.com/msec-city/msec/envelope"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// logBuffer keeps an app's logs; optimistic execution logs from its own
// goroutine.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) count(msg string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Count(b.buf.Bytes(), []byte(msg))
}

// A node executing blocks optimistically (app.toml [execution] optimistic)
// must commit exactly what a node executing them after the vote commits:
// the same app hash and the same transaction results, refusals included,
// and also when the block decided is not the proposal it executed.
func TestOptimisticExecutionCommitsWhatSerialExecutionDoes(t *testing.T) {
	names := []string{"margaret", "nurse"}
	serial := apptest.NewChain(t, []string{"city"}, names)
	logs := &logBuffer{}
	optimistic := apptest.NewChainWith(t, []string{"city"}, names, apptest.Options{
		Logger:  log.NewLogger(logs, log.LevelOption(zerolog.DebugLevel), log.ColorOption(false)),
		BaseApp: []func(*baseapp.BaseApp){baseapp.SetOptimisticExecution()},
	})
	margaret, nurse := serial.Accounts[0], serial.Accounts[1]

	// Both chains start from the same genesis, so one signature serves both.
	decide := func(proposed [][]byte, txs ...[]byte) []*abci.ExecTxResult {
		t.Helper()
		want := serial.NextDecidedBlock(proposed, txs...)
		got := optimistic.NextDecidedBlock(proposed, txs...)
		require.Equal(t, want.AppHash, got.AppHash, "height %d", serial.Height)
		require.Equal(t, want.TxResults, got.TxResults, "height %d", serial.Height)
		require.Equal(t, want.Events, got.Events, "height %d", serial.Height)
		return got.TxResults
	}
	block := func(txs ...[]byte) []*abci.ExecTxResult { return decide(txs, txs...) }

	var keys [][]byte
	for _, a := range serial.Accounts {
		k, err := envelope.DeriveKey("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", a.Name, envelope.SuiteX25519)
		require.NoError(t, err)
		keys = append(keys, serial.Sign(a, &ccdbtypes.MsgRegisterEncryptionKey{Owner: a.Address.String(), PublicKey: k.Public().Bytes()}))
	}
	block(keys...)
	var put ccdbtypes.MsgPutRecordResponse
	msgResponse(t, block(serial.Sign(margaret, putRecordMsg(t, margaret, "export", []string{"home"})))[0], &put)
	var grant ccdbtypes.MsgGrantAccessResponse
	msgResponse(t, block(serial.Sign(margaret, benchGrant(serial, margaret, nurse, put.RecordId)))[0], &grant)

	// A read, a read under a grant that does not exist, and a bank send.
	results := block(serial.Sign(nurse, readMsg(nurse, put.RecordId, grant.GrantId, ccdbtypes.PURPOSE_CODE_RESEARCH)),
		serial.Sign(margaret, send(margaret, nurse, 5)))
	require.Zero(t, results[0].Code, results[0].Log)
	require.Zero(t, results[1].Code, results[1].Log)
	refused(t, block(serial.Sign(nurse, readMsg(nurse, put.RecordId, grant.GrantId+1, ccdbtypes.PURPOSE_CODE_RESEARCH)))[0], ccdbtypes.ErrGrantNotFound)

	// The node executed a proposal that lost its height; the block decided
	// spends the same sequence on something else.
	lost := serial.Sign(margaret, putRecordMsg(t, margaret, "lost", nil))
	won := serial.Sign(margaret, send(margaret, nurse, 7))
	require.Zero(t, decide([][]byte{lost}, won)[0].Code)
	results = block(serial.Sign(nurse, readMsg(nurse, put.RecordId, grant.GrantId, ccdbtypes.PURPOSE_CODE_RESEARCH)))
	require.Zero(t, results[0].Code, results[0].Log)

	// The optimistic node did execute ahead: every proposal it accepted,
	// and it threw away the one that lost.
	require.Equal(t, 7, logs.count("OE started"))
	require.Equal(t, 1, logs.count("OE aborted"))
}
