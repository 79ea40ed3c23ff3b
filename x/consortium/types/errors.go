package types

import "cosmossdk.io/errors"

// Errors of x/consortium; codes are part of the API and never reused.
var (
	ErrUnauthorized      = errors.Register(ModuleName, 2, "signer is not the consortium authority")
	ErrInvalidMember     = errors.Register(ModuleName, 3, "invalid member")
	ErrMemberExists      = errors.Register(ModuleName, 4, "member already exists")
	ErrMemberNotFound    = errors.Register(ModuleName, 5, "member not found")
	ErrInvalidNodeID     = errors.Register(ModuleName, 6, "invalid node ID")
	ErrDuplicateNodeID   = errors.Register(ModuleName, 7, "node ID already on the allow-list")
	ErrInvalidConsKey    = errors.Register(ModuleName, 8, "invalid consensus public key")
	ErrDuplicateConsKey  = errors.Register(ModuleName, 9, "consensus public key already in use")
	ErrInvalidPower      = errors.Register(ModuleName, 10, "invalid power")
	ErrZeroTotalPower    = errors.Register(ModuleName, 11, "total power must stay above zero")
	ErrPowerChangeTooBig = errors.Register(ModuleName, 12, "power change in one block exceeds 1/3 of total power")
	ErrObserverNotFound  = errors.Register(ModuleName, 13, "observer node not found")
	ErrInvalidObserver   = errors.Register(ModuleName, 14, "invalid observer node")
	ErrInvalidParams     = errors.Register(ModuleName, 15, "invalid params")
	ErrTooManyMembers    = errors.Register(ModuleName, 16, "member limit reached")
	ErrTooManyObservers  = errors.Register(ModuleName, 17, "observer node limit reached")
	ErrInvalidGenesis    = errors.Register(ModuleName, 18, "invalid genesis")
	ErrInvalidAddress    = errors.Register(ModuleName, 19, "invalid address")
)

// ErrNodeNotAllowed is the code the p2p filter answers for an unlisted node.
var ErrNodeNotAllowed = errors.Register(ModuleName, 20, "node not on the allow-list")
