package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.MemoryChangeKind;
import dev.sparkmemory.spark.v1.Order;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.StoreMemoryRequest;
import dev.sparkmemory.spark.v1.UpdateMemoryRequest;
import dev.sparkmemory.spark.v1.WatchMemoriesRequest;
import dev.sparkmemory.spark.v1.WatchMemoriesResponse;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follows of the log and watches of memories against a real server. */
class SubscriptionTest {
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

  /** Reads until the caught-up marker, expecting no item before it. */
  private static void awaitCaughtUp(Subscription<?> subscription) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!subscription.isCaughtUp()) {
      assertNull(subscription.poll(Duration.ofMillis(50)), "no item before the marker");
      assertTrue(System.nanoTime() < deadline, "caught up within " + WAIT);
    }
  }

  private static Event record(String type, String agent) {
    return client
        .recordEvent(RecordEventRequest.newBuilder().setEventType(type).setAgentId(agent).build())
        .getEvent();
  }

  @Test
  void followGivesTheHistoryTheMarkerThenLiveEventsUntilClosed() throws Exception {
    Event first = record("task_posted", "follow-1");
    Event second = record("bid_submitted", "follow-1");
    record("task_posted", "someone-else");

    List<String> seen = new ArrayList<>();
    Subscription<Event> events =
        client
            .follow(ListEventsRequest.newBuilder().setAgentId("follow-1").build())
            .onCaughtUp(() -> seen.add("caught up"));
    try {
      assertFalse(events.isCaughtUp());
      seen.add(events.next().getId());
      seen.add(events.next().getId());
      awaitCaughtUp(events);
      assertNull(events.poll(Duration.ofMillis(300)), "nothing live yet");
      assertEquals(List.of(first.getId(), second.getId(), "caught up"), seen);

      Event live = record("task_failed", "follow-1");
      Event got = events.poll(WAIT);
      assertEquals(live.getId(), got.getId());
      assertEquals(live.getSequence(), got.getSequence());

      // close() from another thread ends a blocked hasNext() quietly.
      CompletableFuture<Boolean> blocked = new CompletableFuture<>();
      Thread reader = new Thread(() -> blocked.complete(events.hasNext()));
      reader.start();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(Thread.State.WAITING, reader.getState(), "the reader waits for a live event");
      events.close();
      assertFalse(blocked.get(10, TimeUnit.SECONDS));
      assertTrue(events.isEnded());
    } finally {
      events.close();
    }
  }

  @Test
  void followResumesAfterASequenceAndALimitEndsIt() {
    Event e1 = record("task_posted", "follow-2");
    Event e2 = record("task_assigned", "follow-2");
    ListEventsRequest after =
        ListEventsRequest.newBuilder().setAgentId("follow-2").setAfterSequence(e1.getSequence()).build();
    try (Subscription<Event> resumed = client.follow(after.toBuilder().setLimit(2).build())) {
      assertEquals(e2.getId(), resumed.poll(WAIT).getId());
      Event e3 = record("task_completed", "follow-2");
      assertEquals(e3.getId(), resumed.poll(WAIT).getId());
      assertTimeoutPreemptively(WAIT, () -> assertFalse(resumed.hasNext(), "the limit ends the stream"));
      assertTrue(resumed.isEnded());
      assertThrows(java.util.NoSuchElementException.class, resumed::next);
    }
  }

  @Test
  void followAsAStreamIsCancelledWhenTheStreamCloses() {
    for (int i = 0; i < 5; i++) {
      record("bid_submitted", "follow-3");
    }
    try (Stream<Event> events =
        client.follow(ListEventsRequest.newBuilder().setAgentId("follow-3").build()).stream()) {
      List<String> types = events.limit(3).map(Event::getEventType).collect(Collectors.toList());
      assertEquals(List.of("bid_submitted", "bid_submitted", "bid_submitted"), types);
    }
  }

  @Test
  void aFollowThatTheServerRefusesThrowsOnRead() {
    Subscription<Event> refused =
        client.follow(ListEventsRequest.newBuilder().setOrder(Order.ORDER_NEWEST_FIRST).build());
    SparkException error = assertThrows(SparkException.class, refused::hasNext);
    assertEquals(Status.Code.INVALID_ARGUMENT, error.code());
    assertEquals("order", error.field().orElseThrow());
    refused.close();
  }

  @Test
  void watchMemoriesGivesExistingThenLiveChanges() {
    client.storeMemory(
        StoreMemoryRequest.newBuilder()
            .setId("watch-1")
            .setMemoryType("pattern")
            .setSubject("watch-subject")
            .setContent("existing")
            .build());
    AtomicInteger caughtUp = new AtomicInteger();
    try (Subscription<WatchMemoriesResponse> changes =
        client
            .watchMemories(
                WatchMemoriesRequest.newBuilder()
                    .setSubject("watch-subject")
                    .setIncludeExisting(true)
                    .build())
            .onCaughtUp(caughtUp::incrementAndGet)) {
      WatchMemoriesResponse existing = changes.poll(WAIT);
      assertEquals(MemoryChangeKind.MEMORY_CHANGE_KIND_EXISTING, existing.getKind());
      assertEquals("watch-1", existing.getMemory().getId());
      awaitCaughtUp(changes);
      assertEquals(1, caughtUp.get());

      client.updateMemory(UpdateMemoryRequest.newBuilder().setId("watch-1").setContent("changed").build());
      WatchMemoriesResponse updated = changes.poll(WAIT);
      assertEquals(MemoryChangeKind.MEMORY_CHANGE_KIND_UPDATED, updated.getKind());
      assertEquals("changed", updated.getMemory().getContent());

      client.deleteMemory("watch-1");
      assertEquals(MemoryChangeKind.MEMORY_CHANGE_KIND_DELETED, changes.poll(WAIT).getKind());
    }
  }

  @Test
  void closingTheClientEndsAFollowWithUnavailable() {
    SparkClient own = SparkClient.builder().target(server.address()).build();
    Subscription<Event> events =
        own.follow(ListEventsRequest.newBuilder().setAgentId("nobody").build());
    awaitCaughtUp(events);
    own.close();
    SparkException e = assertThrows(SparkException.class, events::hasNext);
    assertEquals(Status.Code.UNAVAILABLE, e.code(), e.getMessage());
    events.close();
  }
}
