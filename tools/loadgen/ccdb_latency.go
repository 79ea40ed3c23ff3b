package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/msec-city/msec/ccdbclient"
	"github.com/msec-city/msec/txsubmit"
	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// latency is the end-to-end time of one client operation on one file size.
type latency struct {
	op    string
	size  int64
	times []time.Duration
}

// ccdbClient is the ccdb client of s, exactly as `msecd ccdb` builds it:
// keyring signer, simulated gas, the given companion service.
func (e *environment) ccdbClient(s *sender, f *ccdbFixture, companionURL, tmp string) (*ccdbclient.Client, error) {
	kr := keyring.NewInMemory(e.codec)
	if err := kr.ImportPrivKeyHex(s.name, hex.EncodeToString(s.key.Key), "secp256k1"); err != nil {
		return nil, err
	}
	clientCtx := client.Context{}.WithCodec(e.codec).WithInterfaceRegistry(e.registry).WithTxConfig(e.txConfig).
		WithAccountRetriever(authtypes.AccountRetriever{}).WithClient(e.rpc).WithGRPCClient(e.grpc).WithChainID(e.chainID).
		WithKeyring(kr).WithFromName(s.name).WithFromAddress(s.address).
		WithBroadcastMode(flags.BroadcastSync).WithSkipConfirmation(true)
	factory := tx.Factory{}.WithTxConfig(e.txConfig).WithAccountRetriever(clientCtx.AccountRetriever).WithChainID(e.chainID).
		WithSimulateAndExecute(true).WithGasAdjustment(1.5).WithGasPrices("0.001umsec")
	signer, err := ccdbclient.NewKeyringSigner(kr, s.name)
	if err != nil {
		return nil, err
	}
	companion, err := ccdbclient.NewCompanion(companionURL, signer)
	if err != nil {
		return nil, err
	}
	return ccdbclient.New(ccdbclient.Config{
		ChainID: e.chainID, Account: s.address.String(), Key: f.keys[s.name], Query: ccdbtypes.NewQueryClient(e.grpc),
		Txs: txsubmit.New(clientCtx, factory), Companion: companion, TempDir: tmp,
	})
}

// timePutGet times, for each size, runs puts by the first sender (encrypt,
// upload, register, committed) and as many gets by the second (read
// receipt committed, envelope and ciphertext downloaded and checked,
// decrypted), through the companion service at companionURL.
func (e *environment) timePutGet(ctx context.Context, f *ccdbFixture, companionURL string, sizes []int64, runs []int) ([]latency, error) {
	tmp, err := os.MkdirTemp("", "loadgen-ccdb-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	owner, reader := e.senders[0], e.senders[1]
	ownerClient, err := e.ccdbClient(owner, f, companionURL, tmp)
	if err != nil {
		return nil, err
	}
	readerClient, err := e.ccdbClient(reader, f, companionURL, tmp)
	if err != nil {
		return nil, err
	}
	var out []latency
	for i, size := range sizes {
		file := filepath.Join(tmp, fmt.Sprintf("plain-%d", size))
		if err := writeRandomFile(file, size); err != nil {
			return nil, err
		}
		put, get := latency{op: "put", size: size}, latency{op: "get (reader)", size: size}
		for r := 0; r < runs[i]; r++ {
			in, err := os.Open(file)
			if err != nil {
				return nil, err
			}
			start := time.Now()
			res, err := ownerClient.Put(ctx, in, ccdbclient.PutOptions{ContentType: "application/octet-stream"})
			put.times = append(put.times, time.Since(start))
			in.Close()
			if err != nil {
				return nil, fmt.Errorf("put of %d bytes: %w", size, err)
			}
			if _, err := ownerClient.Grant(ctx, ccdbclient.GrantOptions{Grantee: reader.address.String(), RecordID: res.RecordID,
				Purpose: "benchmark", PurposeCode: ccdbtypes.PURPOSE_CODE_RESEARCH, Expires: time.Hour}); err != nil {
				return nil, err
			}
			start = time.Now()
			_, err = readerClient.Get(ctx, res.RecordID, ccdbclient.GetOptions{}, io.Discard)
			get.times = append(get.times, time.Since(start))
			if err != nil {
				return nil, fmt.Errorf("get of %d bytes: %w", size, err)
			}
		}
		out = append(out, put, get)
	}
	return out, nil
}

func writeRandomFile(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(f, rand.Reader, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
