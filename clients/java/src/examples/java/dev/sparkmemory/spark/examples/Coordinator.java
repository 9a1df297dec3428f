package dev.sparkmemory.spark.examples;

import dev.sparkmemory.spark.ConsumerSubscription;
import dev.sparkmemory.spark.SparkClient;
import dev.sparkmemory.spark.SparkException;
import dev.sparkmemory.spark.v1.AppendCondition;
import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.RecordEventRequest;

/**
 * A swarm coordinator that assigns each posted task exactly once, however
 * many coordinators run at the same time (on one server or on several
 * replicas of a PostgreSQL store).
 *
 * <p>It follows the log as a durable consumer (the server keeps its
 * position, so a restarted coordinator carries on after the last task it
 * handled) and assigns with a conditional append: "task_assigned for T, only
 * if no task_assigned for T exists yet". A coordinator that loses the race
 * is told so ({@code FAILED_PRECONDITION}, with the winner's sequence) and
 * moves on.
 *
 * <p>Usage: {@code Coordinator [HOST:PORT [NAME [AGENT]]]}; a token comes
 * from SPARK_TOKEN. From clients/java:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sparkmemory.spark.examples.Coordinator \
 *     -Dexec.args="127.0.0.1:50051 coord-1 agent-1"
 * </pre>
 */
public final class Coordinator {
  private Coordinator() {}

  public static void main(String[] args) {
    String target = args.length > 0 ? args[0] : "127.0.0.1:50051";
    String name = args.length > 1 ? args[1] : "coordinator";
    String agent = args.length > 2 ? args[2] : "agent-1";
    try (SparkClient client =
        SparkClient.builder().target(target).token(System.getenv("SPARK_TOKEN")).build()) {
      ListEventsRequest posted = ListEventsRequest.newBuilder().setEventType("task_posted").build();
      // Auto-ack: each task counts as handled once the loop asks for the next one.
      ConsumerSubscription tasks = client.follow(name, posted, true);
      Runtime.getRuntime().addShutdownHook(new Thread(tasks::close));
      try (tasks) {
        for (Event task : tasks) {
          // Read, decide, append with a condition.
          AppendCondition unassigned =
              AppendCondition.newBuilder()
                  .setEventType("task_assigned")
                  .setTaskId(task.getTaskId())
                  .build();
          try {
            client.recordEvent(
                RecordEventRequest.newBuilder()
                    .setEventType("task_assigned")
                    .setDescription(agent + " takes " + task.getTaskId())
                    .setAgentId(agent)
                    .setTaskId(task.getTaskId())
                    .build(),
                unassigned);
            System.out.printf("%s: assigned %s to %s%n", name, task.getTaskId(), agent);
          } catch (SparkException e) {
            if (!e.isConditionFailed()) {
              throw e;
            }
            System.out.printf(
                "%s: %s already taken (event %d)%n",
                name, task.getTaskId(), e.conflictingSequence().orElse(0));
          }
        }
      }
    } catch (SparkException e) {
      System.err.println("spark: " + e.code() + ": " + e.statusMessage());
      System.exit(1);
    }
  }
}
