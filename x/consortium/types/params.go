package types

import errorsmod "cosmossdk.io/errors"

// Defaults sized for a city consortium: tens of organisations, a few nodes
// each, and the auditors' and gateways' observer nodes.
const (
	DefaultMaxMembers          = 100
	DefaultMaxNodeIDsPerMember = 8
	DefaultMaxObserverNodes    = 500
)

// DefaultParams returns the default module parameters.
func DefaultParams() Params {
	return Params{
		MaxMembers:          DefaultMaxMembers,
		MaxNodeIdsPerMember: DefaultMaxNodeIDsPerMember,
		MaxObserverNodes:    DefaultMaxObserverNodes,
	}
}

// Validate checks every parameter is usable.
func (p Params) Validate() error {
	if p.MaxMembers == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_members must be positive")
	}
	if p.MaxNodeIdsPerMember == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_node_ids_per_member must be positive")
	}
	return nil
}
