package ipfsnode

import (
	"fmt"
	"net/http"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/gateway"
)

// newGatewayHandler serves /ipfs/ as a trustless gateway over the local
// blockstore: raw blocks and CARs only, which clients verify against the
// CID, and only content this node stores (no fetching on behalf of
// callers).
func newGatewayHandler(local blockservice.BlockService) (http.Handler, error) {
	backend, err := gateway.NewBlocksBackend(local)
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	handler := gateway.NewHandler(gateway.Config{
		DeserializedResponses: false,
		NoDNSLink:             true,
		DisableHTMLErrors:     true,
		RetrievalTimeout:      30 * time.Second,
		MaxConcurrentRequests: 256,
	}, backend)
	mux := http.NewServeMux()
	mux.Handle("/ipfs/", handler)
	return mux, nil
}
