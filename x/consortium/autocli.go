package consortium

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

const (
	queryService = "msec.consortium.v1.Query"
	msgService   = "msec.consortium.v1.Msg"
)

// AutoCLIOptions builds `msecd query consortium ...` and, for the
// governance-only Msgs, `msecd tx consortium ...` commands that submit a
// proposal carrying the message.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: queryService,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Members", Use: "members", Short: "List consortium members"},
				{
					RpcMethod: "Member", Use: "member [address]", Short: "Show one member",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{RpcMethod: "ValidatorSet", Use: "validators", Short: "Show the validator set handed to CometBFT"},
				{RpcMethod: "ObserverNodes", Use: "observers", Short: "List registered observer nodes"},
				{
					RpcMethod: "NodeAllowed", Use: "node-allowed [node-id]", Short: "Say whether a node ID is on the p2p allow-list",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "node_id"}},
				},
				{RpcMethod: "Misbehaviours", Use: "misbehaviours", Short: "List recorded validator misbehaviour"},
				{RpcMethod: "Params", Use: "params", Short: "Show the module parameters"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: msgService,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "AddMember", Use: "add-member [address] [name] [consensus-pubkey] [power]",
					Short:       "Propose admitting a member (consensus-pubkey: hex, base64 or a file)",
					GovProposal: true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "name"}, {ProtoField: "consensus_pubkey"}, {ProtoField: "power"},
					},
				},
				{
					RpcMethod: "UpdateMember", Use: "update-member [address] [name] [power]",
					Short:       "Propose changing a member's name, nodes, key or power",
					GovProposal: true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "name"}, {ProtoField: "power"},
					},
				},
				{
					RpcMethod: "RemoveMember", Use: "remove-member [address]",
					Short: "Propose removing a member", GovProposal: true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "RegisterObserverNode", Use: "register-observer [node-id] [owner] [purpose]",
					Short: "Propose allowing a non-validating node on the network", GovProposal: true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "node_id"}, {ProtoField: "owner"}, {ProtoField: "purpose"},
					},
				},
				{
					RpcMethod: "RemoveObserverNode", Use: "remove-observer [node-id]",
					Short: "Propose taking an observer node off the allow-list", GovProposal: true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "node_id"}},
				},
				{RpcMethod: "UpdateParams", Skip: true}, // submitted as a proposal JSON file
			},
		},
	}
}
