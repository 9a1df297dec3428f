package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkmemory.spark.v1.AppendCondition;
import dev.sparkmemory.spark.v1.Consumer;
import dev.sparkmemory.spark.v1.CountRequest;
import dev.sparkmemory.spark.v1.CountTarget;
import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.RecordEventResponse;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional appends and durable consumers against a real server. */
class CoordinationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static SparkServer server;
  static SparkClient client;

  @BeforeAll
  static void start() throws Exception {
    server = SparkServer.start(dir, null);
    client = SparkClient.builder().target(server.address()).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static RecordEventRequest event(String type, String agent, String task) {
    return RecordEventRequest.newBuilder()
        .setEventType(type)
        .setAgentId(agent)
        .setTaskId(task)
        .build();
  }

  private static AppendCondition assigned(String task, long afterSequence) {
    return AppendCondition.newBuilder()
        .setEventType("task_assigned")
        .setTaskId(task)
        .setAfterSequence(afterSequence)
        .build();
  }

  private static long countEvents() {
    return client.count(
        CountRequest.newBuilder().setTarget(CountTarget.COUNT_TARGET_EVENTS).build());
  }

  /** Reads n events within WAIT. */
  private static List<Event> read(ConsumerSubscription events, int n) {
    List<Event> read = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (read.size() < n) {
      Event event = events.poll(Duration.ofMillis(100));
      if (event != null) {
        read.add(event);
      }
      assertTrue(System.nanoTime() < deadline, "read " + n + " events within " + WAIT);
    }
    return read;
  }

  @Test
  void aConditionalAppendPassesThenTheRacingOneFailsNamingTheWinner() throws Exception {
    Event posted = client.recordEvent(event("task_posted", "boss", "cond-t1")).getEvent();
    RecordEventRequest mine =
        event("task_assigned", "a1", "cond-t1").toBuilder().setId("assign-cond-t1-a1").build();
    RecordEventResponse won = client.recordEvent(mine, assigned("cond-t1", posted.getSequence()));
    assertFalse(won.getDuplicate());

    SparkException lost =
        assertThrows(
            SparkException.class,
            () ->
                client.recordEvent(
                    event("task_assigned", "a2", "cond-t1"),
                    assigned("cond-t1", posted.getSequence())));
    assertEquals(Status.Code.FAILED_PRECONDITION, lost.code());
    assertTrue(lost.isConditionFailed());
    assertEquals(SparkException.APPEND_CONDITION_FAILED, lost.reason().orElseThrow());
    assertEquals(
        String.valueOf(won.getEvent().getSequence()),
        lost.metadata().get(SparkException.CONFLICTING_SEQUENCE));
    assertEquals(won.getEvent().getSequence(), lost.conflictingSequence().orElseThrow());
    assertFalse(lost.isRetryable());

    // the winner's retry is a duplicate though its condition fails now
    RecordEventResponse retry = client.recordEvent(mine, assigned("cond-t1", posted.getSequence()));
    assertTrue(retry.getDuplicate());
    assertEquals(won.getEvent().getSequence(), retry.getEvent().getSequence());

    // the same through the future
    ExecutionException failed =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .recordEventAsync(
                        event("task_assigned", "a3", "cond-t1"),
                        assigned("cond-t1", posted.getSequence()))
                    .get(10, TimeUnit.SECONDS));
    SparkException async = SparkException.from(failed);
    assertEquals(won.getEvent().getSequence(), async.conflictingSequence().orElseThrow());

    // reading again from the winner's sequence, the condition holds
    RecordEventResponse next =
        client
            .recordEventAsync(
                event("task_reassigned", "a1", "cond-t1"),
                assigned("cond-t1", won.getEvent().getSequence()))
            .get(10, TimeUnit.SECONDS);
    assertFalse(next.getDuplicate());
  }

  @Test
  void aBatchWithAFailedConditionWritesNothing() throws Exception {
    Event first =
        client
            .recordEvents(List.of(event("task_assigned", "b1", "cond-b1")), assigned("cond-b1", 0))
            .get(0);
    long before = countEvents();
    SparkException e =
        assertThrows(
            SparkException.class,
            () ->
                client.recordEvents(
                    List.of(event("task_assigned", "b2", "cond-b1"), event("note", "b2", "x")),
                    assigned("cond-b1", 0)));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    assertEquals(first.getSequence(), e.conflictingSequence().orElseThrow());
    assertEquals(before, countEvents());

    ExecutionException failed =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .recordEventsAsync(
                        List.of(event("task_assigned", "b3", "cond-b1")), assigned("cond-b1", 0))
                    .get(10, TimeUnit.SECONDS));
    assertTrue(SparkException.from(failed).isConditionFailed());

    List<Event> other =
        client
            .recordEventsAsync(
                List.of(event("task_assigned", "b2", "cond-b2"), event("note", "b2", "cond-b2")),
                assigned("cond-b2", 0))
            .get(10, TimeUnit.SECONDS);
    assertEquals(2, other.size());

    SparkException inside =
        assertThrows(
            SparkException.class,
            () ->
                client.recordEvents(
                    List.of(
                        event("note", "b4", "cond-b4").toBuilder()
                            .setCondition(assigned("cond-b4", 0))
                            .build())));
    assertEquals(Status.Code.INVALID_ARGUMENT, inside.code());
    assertEquals("events[0].condition", inside.field().orElseThrow());
    assertTrue(inside.conflictingSequence().isEmpty());
  }

  @Test
  void aConsumerAcksExplicitlyAndResumesAfterItsAck() throws Exception {
    List<Event> logged =
        client.recordEvents(
            List.of(
                event("task_failed", "explicit", "e1"),
                event("task_failed", "explicit", "e2"),
                event("task_posted", "explicit", "p1"),
                event("task_failed", "explicit", "e3")));
    ListEventsRequest filters =
        ListEventsRequest.newBuilder().setEventType("task_failed").setAgentId("explicit").build();

    try (ConsumerSubscription events = client.follow("explicit-alerts", filters)) {
      assertEquals("explicit-alerts", events.consumer());
      assertFalse(events.isAutoAck());
      List<Event> read = read(events, 3);
      assertEquals(List.of("e1", "e2", "e3"), read.stream().map(Event::getTaskId).toList());
      assertNull(events.poll(Duration.ofMillis(200)), "nothing more");
      assertTrue(events.isCaughtUp());
      assertEquals(0, client.getConsumer("explicit-alerts").getAckedSequence(), "no auto-ack");

      Consumer acked = events.ack(logged.get(1).getSequence());
      assertEquals(logged.get(1).getSequence(), acked.getAckedSequence());
      assertEquals(1, acked.getLag());
      assertEquals("task_failed", acked.getEventType());
    }
    assertEquals(
        logged.get(1).getSequence(), client.getConsumer("explicit-alerts").getAckedSequence());

    Event fourth = client.recordEvent(event("task_failed", "explicit", "e4")).getEvent();
    Consumer now = client.getConsumerAsync("explicit-alerts").get(10, TimeUnit.SECONDS);
    assertEquals(2, now.getLag());
    assertEquals(fourth.getSequence(), now.getHeadSequence());

    try (ConsumerSubscription events = client.follow("explicit-alerts", filters)) {
      List<Event> read = read(events, 2);
      assertEquals(List.of("e3", "e4"), read.stream().map(Event::getTaskId).toList());
      assertEquals(fourth.getSequence(), events.lastSequence());
      assertEquals(0, events.ack().getLag());
    }

    // an ack below the position changes nothing; above the head is refused
    Consumer same = client.ackEvents("explicit-alerts", logged.get(0).getSequence());
    assertEquals(fourth.getSequence(), same.getAckedSequence());
    SparkException above =
        assertThrows(SparkException.class, () -> client.ackEvents("explicit-alerts", 1_000_000));
    assertEquals(Status.Code.INVALID_ARGUMENT, above.code());

    // the consumer keeps its filters
    ListEventsRequest other =
        ListEventsRequest.newBuilder().setEventType("task_posted").setAgentId("explicit").build();
    try (ConsumerSubscription events = client.follow("explicit-alerts", other)) {
      SparkException refused = assertThrows(SparkException.class, events::hasNext);
      assertEquals(Status.Code.FAILED_PRECONDITION, refused.code());
    }
  }

  @Test
  void autoAckAcknowledgesHandledEventsBeforeWaitingAndOnClose() throws Exception {
    List<Event> logged =
        client.recordEvents(
            List.of(
                event("task_failed", "auto", "a1"),
                event("task_failed", "auto", "a2"),
                event("task_failed", "auto", "a3")));
    ListEventsRequest filters = ListEventsRequest.newBuilder().setAgentId("auto").build();

    List<Event> live;
    try (ConsumerSubscription events = client.follow("auto-alerts", filters, true)) {
      assertTrue(events.isAutoAck());
      read(events, 3);
      // asking for the next one makes a3 handled; none is at hand, so it is acknowledged
      assertNull(events.poll(Duration.ofMillis(200)));
      assertEquals(
          logged.get(2).getSequence(), client.getConsumer("auto-alerts").getAckedSequence());

      live =
          client.recordEvents(
              List.of(event("task_failed", "auto", "a4"), event("task_failed", "auto", "a5")));
      List<Event> read = read(events, 2);
      assertEquals(List.of("a4", "a5"), read.stream().map(Event::getTaskId).toList());
      assertEquals(live.get(1).getSequence(), events.lastSequence());
      // closing acknowledges a4 (handled: a5 was asked for), not a5 (still being handled)
    }
    Consumer closed = client.getConsumer("auto-alerts");
    assertEquals(live.get(0).getSequence(), closed.getAckedSequence());
    assertEquals(1, closed.getLag(), "a5 is not acknowledged");

    // a for-each loop: each event is acknowledged once the next is asked for
    client.recordEvent(event("task_failed", "auto", "a6"));
    List<String> seen = new ArrayList<>();
    try (ConsumerSubscription events = client.follow("auto-alerts", filters, true)) {
      for (Event event : events) {
        seen.add(event.getTaskId());
        if (seen.size() == 2) {
          break;
        }
      }
    }
    assertEquals(List.of("a5", "a6"), seen);
    Consumer after = client.getConsumer("auto-alerts");
    assertEquals(1, after.getLag(), "a6 was being handled when the loop stopped");
  }

  @Test
  void consumersAreListedAndDeleted() throws Exception {
    client.recordEvent(event("note", "listed", "l1"));
    ListEventsRequest filters = ListEventsRequest.newBuilder().setAgentId("listed").build();
    try (ConsumerSubscription events = client.follow("listed-consumer", filters, true)) {
      read(events, 1);
    }
    List<String> names = client.listConsumers().stream().map(Consumer::getName).toList();
    assertTrue(names.contains("listed-consumer"), names.toString());
    List<Consumer> async = client.listConsumersAsync().get(10, TimeUnit.SECONDS);
    assertTrue(async.stream().anyMatch(c -> c.getName().equals("listed-consumer")));

    Consumer deleted = client.deleteConsumer("listed-consumer");
    assertEquals("listed-consumer", deleted.getName());
    assertEquals("listed", deleted.getAgentId());
    SparkException gone =
        assertThrows(SparkException.class, () -> client.getConsumer("listed-consumer"));
    assertEquals(Status.Code.NOT_FOUND, gone.code());
    ExecutionException twice =
        assertThrows(
            ExecutionException.class,
            () -> client.deleteConsumerAsync("listed-consumer").get(10, TimeUnit.SECONDS));
    assertEquals(Status.Code.NOT_FOUND, SparkException.from(twice).code());
    ExecutionException nobody =
        assertThrows(
            ExecutionException.class,
            () -> client.ackEventsAsync("nobody", 1).get(10, TimeUnit.SECONDS));
    assertEquals(Status.Code.NOT_FOUND, SparkException.from(nobody).code());
    assertThrows(SparkException.class, () -> client.follow("", filters));
  }
}
