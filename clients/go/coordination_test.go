package spark_test

import (
	"context"
	"testing"

	"google.golang.org/grpc/codes"

	spark "github.com/spark-memory/spark/clients/go"
	sparkv1 "github.com/spark-memory/spark/clients/go/gen/spark/v1"
)

func TestConditionalAppends(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	cond := &sparkv1.AppendCondition{EventType: "task_assigned", TaskId: new("go-t1")}
	won, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_assigned", TaskId: new("go-t1"), Condition: cond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_assigned", TaskId: new("go-t1"), Condition: cond})
	wantCode(t, err, codes.FailedPrecondition)
	if seq, ok := spark.ConflictingSequence(err); !ok || seq != won.GetEvent().GetSequence() {
		t.Fatalf("conflicting sequence %d (%v), want %d", seq, ok, won.GetEvent().GetSequence())
	}
	_, err = c.RecordEventsIf(ctx, cond, []*sparkv1.RecordEventRequest{{EventType: "task_assigned", TaskId: new("go-t1")}})
	wantCode(t, err, codes.FailedPrecondition)
	if _, ok := spark.ConflictingSequence(nil); ok {
		t.Fatal("a nil error has no conflicting sequence")
	}
}

func TestDurableConsumerWithAutoAck(t *testing.T) {
	ctx := context.Background()
	c := dial(t)
	var recorded []*sparkv1.Event
	for range 3 {
		res, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "go_note"})
		if err != nil {
			t.Fatal(err)
		}
		recorded = append(recorded, res.GetEvent())
	}
	req := &sparkv1.ListEventsRequest{Consumer: "go-consumer", EventType: new("go_note")}
	seen := 0
	for _, err := range c.Follow(ctx, req, spark.AutoAck()) {
		if err != nil {
			t.Fatal(err)
		}
		seen++
		if seen == 2 {
			break
		}
	}
	// The first was handled (the loop asked for the second): acknowledged.
	consumer, err := c.GetConsumer(ctx, "go-consumer")
	if err != nil {
		t.Fatal(err)
	}
	if consumer.GetAckedSequence() != recorded[0].GetSequence() || consumer.GetLag() != 2 {
		t.Fatalf("consumer %v, want acked %d and lag 2", consumer, recorded[0].GetSequence())
	}
	if _, err := c.AckEvents(ctx, "go-consumer", recorded[1].GetSequence()); err != nil {
		t.Fatal(err)
	}
	for event, err := range c.Follow(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		if event.GetSequence() != recorded[2].GetSequence() {
			t.Fatalf("resumed at %d, want %d", event.GetSequence(), recorded[2].GetSequence())
		}
		break
	}
	consumers, err := c.ListConsumers(ctx)
	if err != nil || len(consumers) != 1 {
		t.Fatalf("consumers %v (%v)", consumers, err)
	}
	if _, err := c.DeleteConsumer(ctx, "go-consumer"); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetConsumer(ctx, "go-consumer")
	wantCode(t, err, codes.NotFound)
}
