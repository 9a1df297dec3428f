package dev.sparkmemory.spark.examples;

import dev.sparkmemory.spark.SparkClient;
import dev.sparkmemory.spark.SparkException;
import dev.sparkmemory.spark.Subscription;
import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.RecordEventResponse;

/**
 * Records an event, then follows the log: the history oldest first, then
 * each new event as it is committed, until Ctrl-C.
 *
 * <p>Usage: {@code Follow [HOST:PORT]} (default 127.0.0.1:50051); a token
 * comes from SPARK_TOKEN. From clients/java:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sparkmemory.spark.examples.Follow -Dexec.args=127.0.0.1:50051
 * </pre>
 */
public final class Follow {
  private Follow() {}

  public static void main(String[] args) {
    String target = args.length > 0 ? args[0] : "127.0.0.1:50051";
    try (SparkClient client =
        SparkClient.builder().target(target).token(System.getenv("SPARK_TOKEN")).build()) {
      RecordEventResponse res =
          client.recordEvent(
              RecordEventRequest.newBuilder()
                  .setEventType("task_posted")
                  .setAgentId("agent-java")
                  .setTaskId("task-42")
                  .setDescription("Summarise the swarm's day")
                  .setData("{\"bid_sats\": 90}")
                  .build());
      Event recorded = res.getEvent();
      System.out.printf(
          "recorded #%d %s (importance %.2f)%n",
          recorded.getSequence(), recorded.getId(), recorded.getImportance());

      Subscription<Event> events =
          client
              .follow(ListEventsRequest.getDefaultInstance())
              .onCaughtUp(() -> System.out.println("-- caught up; waiting (Ctrl-C to stop)"));
      // Ctrl-C closes the subscription (cancelling the call), which ends the loop quietly.
      Runtime.getRuntime().addShutdownHook(new Thread(events::close));
      try (events) {
        for (Event event : events) {
          System.out.printf(
              "#%d %s agent=%s %s%n",
              event.getSequence(), event.getEventType(), event.getAgentId(), event.getData());
        }
      }
    } catch (SparkException e) {
      // e.code() says which status; resume a follow with after_sequence set
      // to the last sequence seen.
      System.err.println("spark: " + e.code() + ": " + e.statusMessage());
      System.exit(1);
    }
  }
}
