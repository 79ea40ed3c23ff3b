package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and router key.
	ModuleName = "consortium"
	StoreKey   = ModuleName
)

// Collection prefixes. Each is a single byte, never reused.
var (
	ParamsKey              = collections.NewPrefix(0)
	MembersKey             = collections.NewPrefix(1)
	MembersByConsensusKey  = collections.NewPrefix(2)
	MemberNodesKey         = collections.NewPrefix(3)
	ObserverNodesKey       = collections.NewPrefix(4)
	LastValidatorPowersKey = collections.NewPrefix(5)
	MisbehavioursKey       = collections.NewPrefix(6)
)
