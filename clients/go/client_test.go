package spark_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	spark "github.com/spark-memory/spark/clients/go"
	sparkv1 "github.com/spark-memory/spark/clients/go/gen/spark/v1"
)

func dial(t *testing.T) *spark.Client {
	t.Helper()
	c, err := spark.Dial(startServer(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("got %v (%v), want %v", got, err, want)
	}
}

func TestRecordAndListEvents(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	res, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{
		EventType: "task_posted",
		AgentId:   new("agent-1"),
		Data:      `{"bid_sats": 5, "note": "ünïcode"}`,
		Id:        new("evt-1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.GetDuplicate() || res.GetEvent().GetId() != "evt-1" || res.GetEvent().GetSequence() <= 0 {
		t.Fatalf("unexpected response %v", res)
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(res.GetEvent().GetData()), &data); err != nil || data["note"] != "ünïcode" {
		t.Fatalf("data %q did not round-trip: %v", res.GetEvent().GetData(), err)
	}

	again, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{
		EventType: "task_posted",
		AgentId:   new("agent-1"),
		Data:      `{"note": "ünïcode", "bid_sats": 5}`,
		Id:        new("evt-1"),
	})
	if err != nil || !again.GetDuplicate() || again.GetEvent().GetSequence() != res.GetEvent().GetSequence() {
		t.Fatalf("retry: %v %v", again, err)
	}

	batch, err := c.RecordEvents(ctx, []*sparkv1.RecordEventRequest{
		{EventType: "bid_submitted", AgentId: new("agent-2")},
		{EventType: "task_assigned", AgentId: new("agent-2")},
	})
	if err != nil || len(batch) != 2 || batch[0].GetSequence() >= batch[1].GetSequence() {
		t.Fatalf("batch: %v %v", batch, err)
	}

	events, err := c.ListEvents(ctx, &sparkv1.ListEventsRequest{AgentId: new("agent-2"), Order: sparkv1.Order_ORDER_OLDEST_FIRST})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].GetEventType() != "bid_submitted" || events[1].GetEventType() != "task_assigned" {
		t.Fatalf("list: %v", events)
	}
	n, err := c.Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_EVENTS})
	if err != nil || n != 3 {
		t.Fatalf("count = %d, %v; want 3", n, err)
	}
}

func TestErrorsCarryTheStatusCode(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	_, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "x", Importance: new(1.5)})
	wantCode(t, err, codes.InvalidArgument)

	_, err = c.RecordEvents(ctx, []*sparkv1.RecordEventRequest{{EventType: "ok"}, {EventType: ""}})
	wantCode(t, err, codes.InvalidArgument)
	if n, err := c.Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_EVENTS}); err != nil || n != 0 {
		t.Fatalf("a failed batch stored %d events (%v)", n, err)
	}

	_, err = c.Count(ctx, &sparkv1.CountRequest{})
	wantCode(t, err, codes.InvalidArgument)
	_, err = c.DeleteMemory(ctx, "no-such-memory")
	wantCode(t, err, codes.NotFound)
	_, err = c.ListEvents(ctx, &sparkv1.ListEventsRequest{Limit: -1})
	wantCode(t, err, codes.InvalidArgument)
}

func TestFollowYieldsHistoryThenLiveEventsUntilCancelled(t *testing.T) {
	c := dial(t)
	first, err := c.RecordEvent(context.Background(), &sparkv1.RecordEventRequest{EventType: "task_posted"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	follow, stop := context.WithCancel(ctx)
	defer stop()
	var seen []int64
	for event, err := range c.Follow(follow, &sparkv1.ListEventsRequest{}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, event.GetSequence())
		switch len(seen) {
		case 1:
			if event.GetSequence() != first.GetEvent().GetSequence() {
				t.Fatalf("history: got %v", event)
			}
			// Recorded while the stream is open: arrives live (or as history).
			if _, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_completed"}); err != nil {
				t.Fatal(err)
			}
		case 2:
			if event.GetEventType() != "task_completed" {
				t.Fatalf("live: got %v", event)
			}
			stop() // ends the iteration without an error
		default:
			t.Fatalf("unexpected event %v", event)
		}
	}
	if len(seen) != 2 || ctx.Err() != nil {
		t.Fatalf("follow saw %v (ctx %v)", seen, ctx.Err())
	}

	// Resuming after the first sequence yields only the second event.
	var resumed []int64
	for event, err := range c.Follow(ctx, &sparkv1.ListEventsRequest{AfterSequence: seen[0], Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		resumed = append(resumed, event.GetSequence())
	}
	if len(resumed) != 1 || resumed[0] != seen[1] {
		t.Fatalf("resumed %v, want [%d]", resumed, seen[1])
	}
}

func TestMemories(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	stored, err := c.StoreMemory(ctx, &sparkv1.StoreMemoryRequest{MemoryType: "insight", Content: "agent-1 wins bids", Id: new("m-1")})
	if err != nil || stored.GetMemory().GetSubject() != "system" || stored.GetMemory().GetConfidence() != 0.5 {
		t.Fatalf("store: %v %v", stored, err)
	}
	_, err = c.StoreMemory(ctx, &sparkv1.StoreMemoryRequest{
		MemoryType: "anomaly", Content: "expired", ExpiresAt: timestamppb.New(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)),
	})
	if err != nil {
		t.Fatal(err)
	}
	memories, err := c.ListMemories(ctx, &sparkv1.ListMemoriesRequest{})
	if err != nil || len(memories) != 1 || memories[0].GetId() != "m-1" {
		t.Fatalf("list (unexpired): %v %v", memories, err)
	}
	if n, err := c.Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_MEMORIES, IncludeExpired: true}); err != nil || n != 2 {
		t.Fatalf("count with expired = %d, %v", n, err)
	}
	updated, err := c.UpdateMemory(ctx, &sparkv1.UpdateMemoryRequest{Id: "m-1", Confidence: new(0.9)})
	if err != nil || updated.GetConfidence() != 0.9 || updated.GetContent() != "agent-1 wins bids" {
		t.Fatalf("update: %v %v", updated, err)
	}
	deleted, err := c.DeleteMemory(ctx, "m-1")
	if err != nil || deleted.GetId() != "m-1" {
		t.Fatalf("delete: %v %v", deleted, err)
	}
	_, err = c.DeleteMemory(ctx, "m-1")
	wantCode(t, err, codes.NotFound)
}

func TestWatchMemoriesAndConsolidate(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	watch, stopWatch := context.WithTimeout(ctx, 30*time.Second)
	defer stopWatch()
	changes := make(chan *sparkv1.WatchMemoriesResponse, 16)
	go func() {
		defer close(changes)
		for msg, err := range c.WatchMemories(watch, &sparkv1.WatchMemoriesRequest{Subject: new("system")}) {
			if err != nil {
				t.Errorf("watch: %v", err)
				return
			}
			changes <- msg
		}
	}()
	if msg := <-changes; !msg.GetCaughtUp() {
		t.Fatalf("first watch message %v, want caught_up", msg)
	}
	if _, err := c.StoreMemory(ctx, &sparkv1.StoreMemoryRequest{MemoryType: "anomaly", Subject: "agent-9", Content: "not watched"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StoreMemory(ctx, &sparkv1.StoreMemoryRequest{MemoryType: "insight", Content: "watched", Id: new("m-1")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateMemory(ctx, &sparkv1.UpdateMemoryRequest{Id: "m-1", Content: new("changed")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteMemory(ctx, "m-1"); err != nil {
		t.Fatal(err)
	}
	// The watch is on subject "system": agent-9's memory is not announced.
	for _, want := range []sparkv1.MemoryChangeKind{
		sparkv1.MemoryChangeKind_MEMORY_CHANGE_KIND_CREATED,
		sparkv1.MemoryChangeKind_MEMORY_CHANGE_KIND_UPDATED,
		sparkv1.MemoryChangeKind_MEMORY_CHANGE_KIND_DELETED,
	} {
		msg, ok := <-changes
		if !ok || msg.GetKind() != want || msg.GetMemory().GetId() != "m-1" {
			t.Fatalf("watch: got %v, want %v of m-1", msg, want)
		}
	}
	if _, err := c.Consolidate(ctx, &sparkv1.ConsolidateRequest{}); err != nil {
		t.Fatal(err)
	}
	stopWatch()
	for range changes { // the iteration ends without an error once cancelled
	}
}

func TestTokenAndMutualTLS(t *testing.T) {
	ctx := context.Background()
	pki := writeTestPKI(t)
	tokens := map[string]string{"admin": "admin-token-0123456789", "read": "read-token-0123456789"}
	addr := startServer(t, credentials.NewTLS(pki.tlsConfig(t)),
		"--tokens-file", writeTokens(t, tokens),
		"--tls-cert", pki.path("server.pem"), "--tls-key", pki.path("server-key.pem"),
		"--tls-client-ca", pki.path("ca.pem"))
	connect := func(opts ...spark.Option) *spark.Client {
		c, err := spark.Dial(addr, append([]spark.Option{spark.WithTLS(pki.tlsConfig(t))}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		return c
	}

	admin := connect(spark.WithToken(tokens["admin"]))
	if _, err := admin.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_posted"}); err != nil {
		t.Fatal(err)
	}
	reader := connect(spark.WithToken(tokens["read"]))
	if n, err := reader.Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_EVENTS}); err != nil || n != 1 {
		t.Fatalf("count with a read token = %d, %v", n, err)
	}
	_, err := reader.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_posted"})
	wantCode(t, err, codes.PermissionDenied)
	_, err = connect().Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_EVENTS})
	wantCode(t, err, codes.Unauthenticated)

	plain, err := spark.Dial(addr, spark.WithToken(tokens["admin"]), spark.WithTimeout(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	_, err = plain.Count(ctx, &sparkv1.CountRequest{Target: sparkv1.CountTarget_COUNT_TARGET_EVENTS})
	wantCode(t, err, codes.Unavailable) // a plaintext client cannot talk to a TLS server
}
