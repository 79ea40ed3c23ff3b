package companion

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ccdbtypes "github.com/msec-city/msec/x/ccdb/types"
)

// custodianEvents are the x/ccdb event types a custodian acts on
// (handleEvent); the others, a block's receipts and grants among them, are
// not decoded at all.
var custodianEvents = eventTypes(
	&ccdbtypes.EventRecordPut{}, &ccdbtypes.EventRecordUpdated{}, &ccdbtypes.EventEnvelopeCommitted{},
	&ccdbtypes.EventGrantEnded{}, &ccdbtypes.EventErasureRequested{},
)

func eventTypes(events ...proto.Message) map[string]bool {
	types := make(map[string]bool, len(events))
	for _, e := range events {
		types[proto.MessageName(e)] = true
	}
	return types
}

// runCustodian follows the chain until ctx ends: every poll_interval it
// processes the blocks committed since the last pass.
func (s *Service) runCustodian(ctx context.Context) {
	ticker := time.NewTicker(s.settings.PollInterval)
	defer ticker.Stop()
	for {
		if err := s.Sync(ctx); err != nil && ctx.Err() == nil {
			s.logger.Error("custodian pass failed; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Sync processes, in order, every block committed since the last one
// processed; then it retries what could not be done before (pins,
// attestations), carries out deletions that have become due, and saves its
// state once. A block is processed completely or not at all as far as the
// cursor is concerned, and every action is idempotent, so a restart redoes
// at most the blocks of one pass.
func (s *Service) Sync(ctx context.Context) error {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	st, err := s.chain.Status(ctx)
	if err != nil {
		return err
	}
	if s.state.Height == 0 && st.Earliest > 1 {
		s.state.Height = st.Earliest - 1
		s.logger.Info("custodian starts at the earliest block this node keeps", "from_height", st.Earliest)
	}
	for h := s.state.Height + 1; h <= st.Latest; h++ {
		if err := s.processBlock(ctx, h); err != nil {
			if h == st.Latest && errors.Is(err, errNoResultsYet) {
				break // the node reports the block before its results are stored
			}
			return errors.Join(fmt.Errorf("block %d: %w", h, err), s.state.save())
		}
		s.state.Height = h
	}
	if err := s.retryPins(ctx); err != nil {
		return errors.Join(err, s.state.save())
	}
	if err := s.dropDue(ctx, st.LatestTime); err != nil {
		return err
	}
	if _, err := s.collect(ctx); err != nil {
		return err
	}
	s.retryAttestations(ctx)
	return s.state.save()
}

// processBlock carries out what a block's x/ccdb events ask of custodians.
func (s *Service) processBlock(ctx context.Context, height int64) error {
	events, err := s.chain.BlockEvents(ctx, height)
	if err != nil {
		return err
	}
	for _, ev := range events {
		if !custodianEvents[ev.Type] {
			continue
		}
		if err := s.handleEvent(ctx, ev); err != nil {
			return fmt.Errorf("%s: %w", ev.Type, err)
		}
	}
	_, err = s.collect(ctx)
	return err
}

func (s *Service) handleEvent(ctx context.Context, ev abci.Event) error {
	typed, err := parseTypedEvent(ev)
	if err != nil {
		// Deterministic: retrying the block would fail the same way forever.
		s.logger.Error("custodian skips an event it cannot decode", "type", ev.Type, "err", err)
		return nil
	}
	switch e := typed.(type) {
	case *ccdbtypes.EventRecordPut:
		return s.keepVersion(ctx, versionEvent{e.RecordId, 1, e.Owner, e.Cid, e.OwnerEnvelopeCommitment})
	case *ccdbtypes.EventRecordUpdated:
		return s.keepVersion(ctx, versionEvent{e.RecordId, e.Version, e.Owner, e.Cid, e.OwnerEnvelopeCommitment})
	case *ccdbtypes.EventEnvelopeCommitted:
		return s.keepEnvelope(ctx, e)
	case *ccdbtypes.EventGrantEnded:
		return s.grantEnded(ctx, e)
	case *ccdbtypes.EventErasureRequested:
		return s.erase(ctx, e.RecordId)
	}
	return nil
}

// parseTypedEvent decodes a typed event. The SDK adds attributes of its own
// to events (msg_index; mode=EndBlock for those of FinalizeBlock) whose
// values are not JSON, which sdk.ParseTypedEvent cannot take: only the
// attributes with JSON values, which the typed event's fields have, are kept.
func parseTypedEvent(ev abci.Event) (proto.Message, error) {
	attrs := make([]abci.EventAttribute, 0, len(ev.Attributes))
	for _, a := range ev.Attributes {
		if json.Valid([]byte(a.Value)) {
			attrs = append(attrs, a)
		}
	}
	ev.Attributes = attrs
	return sdk.ParseTypedEvent(ev)
}
