package ccdbclient

import "errors"

// Errors of the client's own checks; refusals by the chain are
// txsubmit.RefusalError (match them with txsubmit.IsError), refusals by the
// companion service *ServiceError.
var (
	// ErrBadInput: an argument cannot be used (a bad address, duration...).
	ErrBadInput = errors.New("bad input")
	// ErrRecordNotFound: no record with that ID.
	ErrRecordNotFound = errors.New("record not found")
	// ErrNotOwner: the command needs the record's owner.
	ErrNotOwner = errors.New("not the record's owner")
	// ErrNoGrant: no live grant of the caller covers the record.
	ErrNoGrant = errors.New("no live grant covers the record")
	// ErrNoEncryptionKey: an account has no encryption key on chain, or the
	// caller has no key file.
	ErrNoEncryptionKey = errors.New("no encryption key")
	// ErrWrongKey: the local encryption key is not the one on chain, or an
	// envelope is sealed to another key.
	ErrWrongKey = errors.New("wrong encryption key")
	// ErrIntegrity: downloaded data does not match what the chain says.
	ErrIntegrity = errors.New("integrity check failed")
	// ErrNotActive: the record is being erased or was erased.
	ErrNotActive = errors.New("record is not active")
)
