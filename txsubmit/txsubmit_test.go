package txsubmit

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var errTaken = errorsmod.Register("txsubmittest", 2, "record ID is taken")

// A refusal in a block carries the registered code; one at simulation
// comes back over gRPC as text. IsError matches both, and the message
// keeps only what the module said.
func TestRefusals(t *testing.T) {
	inBlock := refusal("block", errorsmod.ABCIError("txsubmittest", 2, "failed to execute message; message index: 0: bound to 1, next is 2: record ID is taken"))
	if !IsError(inBlock, errTaken) {
		t.Fatalf("block refusal not matched: %v", inBlock)
	}
	simulated := refusal("simulation", status.Error(codes.Unknown,
		"failed to execute message; message index: 0: bound to 1, next is 2: record ID is taken With gas wanted: '0' and gas used: '5000' : unknown request"))
	if !IsError(simulated, errTaken) {
		t.Fatalf("simulation refusal not matched: %v", simulated)
	}
	want := "refused by the chain: failed to execute message; message index: 0: bound to 1, next is 2: record ID is taken"
	if simulated.Error() != want {
		t.Fatalf("message %q", simulated.Error())
	}
	var r *RefusalError
	if !errors.As(simulated, &r) || r.Stage != "simulation" {
		t.Fatalf("not a RefusalError: %v", simulated)
	}
	if IsError(errors.New("connection refused"), errTaken) || IsError(nil, errTaken) {
		t.Fatal("unrelated errors matched")
	}
}
