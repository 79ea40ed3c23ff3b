package ccdb

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

const (
	queryService = "msec.ccdb.v1.Query"
	msgService   = "msec.ccdb.v1.Msg"
)

func positional(fields ...string) []*autocliv1.PositionalArgDescriptor {
	args := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		args[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return args
}

func queryCmd(method, use, short string, args ...string) *autocliv1.RpcCommandOptions {
	return &autocliv1.RpcCommandOptions{RpcMethod: method, Use: use, Short: short, PositionalArgs: positional(args...)}
}

// AutoCLIOptions builds `msecd query ccdb ...` and `msecd tx ccdb ...`. These
// commands take what the chain stores (CIDs, hashes and commitments as hex
// or base64); encrypting, uploading and sealing envelopes is the client's
// job (`msecd ccdb put/get/grant ...`), which then signs these same Msgs.
// Nested fields (scope, envelopes) are JSON flags, e.g.
// --scope '{"record_id":"7"}' or --scope '{"tag":"home-sensors"}'.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: queryService,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				queryCmd("Params", "params", "Show the module parameters"),
				queryCmd("EncryptionKey", "key [owner]", "Show an account's current encryption key", "owner"),
				queryCmd("EncryptionKeyHistory", "key-history [owner]", "List an account's encryption keys", "owner"),
				queryCmd("Record", "record [record-id]", "Show a record and its current version", "record_id"),
				queryCmd("NextRecordID", "next-record-id", "Show the ID the next record will get (what a client binds its envelopes to)"),
				queryCmd("RecordVersion", "version [record-id] [version]", "Show one version of a record", "record_id", "version"),
				queryCmd("RecordVersions", "versions [record-id]", "List a record's versions", "record_id"),
				queryCmd("RecordsByOwner", "records-by-owner [owner]", "List an owner's records", "owner"),
				queryCmd("RecordsByTag", "records-by-tag [tag]", "List the records with a tag (--owner to narrow)", "tag"),
				queryCmd("EnvelopeCommitment", "envelope [record-id] [version] [grantee]",
					"Show the envelope commitment of a record version for a grantee", "record_id", "version", "grantee"),
				queryCmd("Grant", "grant [grant-id]", "Show a grant", "grant_id"),
				queryCmd("GrantsByRecord", "grants-by-record [record-id]", "List every grant that has covered a record", "record_id"),
				queryCmd("RecordsByGrant", "records-by-grant [grant-id]", "List every record a grant has covered", "grant_id"),
				queryCmd("GrantsByOwner", "grants-by-owner [owner]", "List the grants an owner made", "owner"),
				queryCmd("GrantsByGrantee", "grants-by-grantee [grantee]", "List the grants made to an account", "grantee"),
				queryCmd("LiveGrantees", "live-grantees [record-id]", "List who the live grants covering a record let read it", "record_id"),
				queryCmd("Request", "request [request-id]", "Show an access request", "request_id"),
				queryCmd("RequestsByOwner", "requests-by-owner [owner]", "List the access requests addressed to an owner", "owner"),
				queryCmd("RequestsByRequester", "requests-by-requester [requester]", "List an account's access requests", "requester"),
				queryCmd("Receipt", "receipt [receipt-id]", "Show a read receipt", "receipt_id"),
				queryCmd("ReceiptsByRecord", "receipts-by-record [record-id]", "List a record's read receipts", "record_id"),
				queryCmd("ReceiptsByReader", "receipts-by-reader [reader]", "List a reader's read receipts", "reader"),
				queryCmd("ReceiptsByGrant", "receipts-by-grant [grant-id]", "List the read receipts under a grant", "grant_id"),
				queryCmd("ReceiptsByTime", "receipts-by-time [start-time] [end-time]",
					"List read receipts in [start, end) (RFC 3339 times)", "start_time", "end_time"),
				queryCmd("LatestReceipt", "latest-receipt [reader] [record-id]", "Show a reader's latest receipt for a record", "reader", "record_id"),
				queryCmd("ReleaseAuthorization", "release [record-id] [account]",
					"Say whether a companion service may release a record to an account now", "record_id", "account"),
				queryCmd("AuditTrail", "audit [record-id]", "List a record's audit trail in order", "record_id"),
				queryCmd("ErasureStatus", "erasure [record-id]", "Show a record's erasure status and attestations", "record_id"),
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: msgService,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "RegisterEncryptionKey", Use: "register-key [public-key]",
					Short:          "Register or rotate your encryption public key (binary encoding, hex or base64)",
					PositionalArgs: positional("public_key"),
				},
				{
					RpcMethod: "PutRecord", Use: "put-record [cid] [ciphertext-sha256] [size] [owner-envelope-commitment]",
					Short:          "Register an uploaded ciphertext as a new record (--tags, --content-type, --encryption-suite, --envelopes)",
					PositionalArgs: positional("cid", "ciphertext_sha256", "size", "owner_envelope_commitment"),
				},
				{
					RpcMethod: "UpdateRecord", Use: "update-record [record-id] [cid] [ciphertext-sha256] [size] [owner-envelope-commitment]",
					Short:          "Add a new version of a record under a new data key (--envelopes for every live grantee)",
					PositionalArgs: positional("record_id", "cid", "ciphertext_sha256", "size", "owner_envelope_commitment"),
				},
				{
					RpcMethod: "EraseRecord", Use: "erase [record-id]",
					Short: "Ask the custodians to erase a record", PositionalArgs: positional("record_id"),
				},
				{
					RpcMethod: "GrantAccess", Use: "grant [grantee] [purpose-code] [purpose] [expires-at]",
					Short:          "Grant an account access for a purpose until a time (--scope, --max-uses, --envelopes)",
					PositionalArgs: positional("grantee", "purpose_code", "purpose", "expires_at"),
				},
				{
					RpcMethod: "RevokeAccess", Use: "revoke [grant-id]",
					Short: "Revoke a grant", PositionalArgs: positional("grant_id"),
				},
				{
					RpcMethod: "RequestAccess", Use: "request [purpose-code] [purpose] [duration]",
					Short:          "Ask an owner for access (--scope; --owner for a tag)",
					PositionalArgs: positional("purpose_code", "purpose", "duration"),
				},
				{
					RpcMethod: "ApproveRequest", Use: "approve [request-id]",
					Short: "Approve an access request (--max-uses, --envelopes)", PositionalArgs: positional("request_id"),
				},
				{
					RpcMethod: "RejectRequest", Use: "reject [request-id] [reason]",
					Short: "Reject an access request",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "request_id"}, {ProtoField: "reason", Optional: true},
					},
				},
				{
					RpcMethod: "AccessRecord", Use: "access [record-id] [grant-id] [purpose-code]",
					Short:          "Post a read receipt (--version, default current)",
					PositionalArgs: positional("record_id", "grant_id", "purpose_code"),
				},
				{
					RpcMethod: "AttestErasure", Use: "attest-erasure [record-id]",
					Short:          "Attest, as a custodian, that a record is erased here (--blocks-deleted, --envelopes-deleted, --statement)",
					PositionalArgs: positional("record_id"),
				},
				{RpcMethod: "UpdateParams", Skip: true}, // submitted as a proposal JSON file
			},
		},
	}
}
