// Command follow records an event, then follows the log until interrupted.
//
//	go run ./examples/follow -addr 127.0.0.1:50051
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"

	spark "github.com/spark-memory/spark/clients/go"
	sparkv1 "github.com/spark-memory/spark/clients/go/gen/spark/v1"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:50051", "the Spark Memory server")
	flag.Parse()

	client, err := spark.Dial(*addr) // spark.WithToken(...), spark.WithTLS(...) as needed
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	res, err := client.RecordEvent(ctx, &sparkv1.RecordEventRequest{
		EventType:   "task_posted",
		AgentId:     new("agent-go"),
		TaskId:      new("task-42"),
		Description: "Summarise the swarm's day",
		Data:        `{"bid_sats": 90}`,
	})
	if err != nil {
		log.Fatal(err) // a gRPC status: status.Code(err) says which
	}
	fmt.Printf("recorded #%d %s (importance %.2f)\n", res.GetEvent().GetSequence(), res.GetEvent().GetId(), res.GetEvent().GetImportance())

	// The history oldest first, then each new event as it is committed, until Ctrl-C.
	for event, err := range client.Follow(ctx, &sparkv1.ListEventsRequest{}, spark.OnCaughtUp(func() {
		fmt.Println("-- caught up; waiting for new events (Ctrl-C to stop)")
	})) {
		if err != nil {
			log.Fatal(err) // resume with AfterSequence set to the last sequence seen
		}
		fmt.Printf("#%d %s agent=%s %s\n", event.GetSequence(), event.GetEventType(), event.GetAgentId(), event.GetData())
	}
}
