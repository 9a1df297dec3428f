package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.sparkmemory.spark.v1.ConsolidateRequest;
import dev.sparkmemory.spark.v1.ConsolidateResponse;
import dev.sparkmemory.spark.v1.CountRequest;
import dev.sparkmemory.spark.v1.CountTarget;
import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.ListMemoriesRequest;
import dev.sparkmemory.spark.v1.Memory;
import dev.sparkmemory.spark.v1.Order;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.RecordEventResponse;
import dev.sparkmemory.spark.v1.StoreMemoryRequest;
import dev.sparkmemory.spark.v1.StoreMemoryResponse;
import dev.sparkmemory.spark.v1.UpdateMemoryRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's unary calls, async calls and errors against one real server (plaintext). */
class SparkClientTest {
  @TempDir static Path dir;
  static SparkServer server;
  static SparkClient client;

  @BeforeAll
  static void start() throws Exception {
    server = SparkServer.start(dir, null);
    client = SparkClient.builder().target(server.address()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static RecordEventRequest event(String type, String agent) {
    return RecordEventRequest.newBuilder().setEventType(type).setAgentId(agent).build();
  }

  @Test
  void recordsAnEventAndARetryIsADuplicate() {
    RecordEventRequest request =
        RecordEventRequest.newBuilder()
            .setEventType("task_posted")
            .setAgentId("rec-1")
            .setData("{\"bid_sats\": 5, \"note\": \"ünïcode\"}")
            .setId("evt-rec-1")
            .build();
    RecordEventResponse first = client.recordEvent(request);
    assertFalse(first.getDuplicate());
    assertEquals("evt-rec-1", first.getEvent().getId());
    assertTrue(first.getEvent().getSequence() > 0);
    assertTrue(first.getEvent().getData().contains("ünïcode"));
    assertTrue(first.getEvent().getImportance() > 0, "the server scores an event without importance");

    RecordEventResponse again = client.recordEvent(request);
    assertTrue(again.getDuplicate());
    assertEquals(first.getEvent().getSequence(), again.getEvent().getSequence());

    SparkException taken =
        assertThrows(
            SparkException.class,
            () -> client.recordEvent(request.toBuilder().setDescription("other").build()));
    assertEquals(Status.Code.ALREADY_EXISTS, taken.code());
  }

  @Test
  void recordsABatchAndListsIt() {
    List<Event> batch =
        client.recordEvents(List.of(event("bid_submitted", "batch-1"), event("task_assigned", "batch-1")));
    assertEquals(2, batch.size());
    assertTrue(batch.get(0).getSequence() < batch.get(1).getSequence());

    List<Event> oldestFirst =
        client.listEvents(
            ListEventsRequest.newBuilder().setAgentId("batch-1").setOrder(Order.ORDER_OLDEST_FIRST).build());
    assertEquals(
        List.of("bid_submitted", "task_assigned"),
        oldestFirst.stream().map(Event::getEventType).collect(Collectors.toList()));
    List<Event> newestFirst = client.listEvents(ListEventsRequest.newBuilder().setAgentId("batch-1").build());
    assertEquals("task_assigned", newestFirst.get(0).getEventType());

    long events = client.count(CountRequest.newBuilder().setTarget(CountTarget.COUNT_TARGET_EVENTS).build());
    assertTrue(events >= 2);
  }

  @Test
  void errorsCarryTheCodeTheMessageAndTheField() {
    SparkException bad =
        assertThrows(
            SparkException.class,
            () ->
                client.recordEvent(
                    RecordEventRequest.newBuilder().setEventType("x").setImportance(1.5).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, bad.code());
    assertEquals("importance", bad.field().orElseThrow());
    assertTrue(bad.statusMessage().contains("importance"), bad.statusMessage());
    assertTrue(bad.badRequest().isPresent());
    assertFalse(bad.isRetryable());

    SparkException batch =
        assertThrows(
            SparkException.class,
            () ->
                client.recordEvents(
                    List.of(
                        event("ok", "err-1"),
                        RecordEventRequest.newBuilder().setEventType("").build())));
    assertEquals(Status.Code.INVALID_ARGUMENT, batch.code());
    assertEquals("events[1].event_type", batch.field().orElseThrow());

    SparkException missing = assertThrows(SparkException.class, () -> client.deleteMemory("no-such-memory"));
    assertEquals(Status.Code.NOT_FOUND, missing.code());
    assertTrue(missing.field().isEmpty());

    SparkException follow =
        assertThrows(
            SparkException.class,
            () -> client.listEvents(ListEventsRequest.newBuilder().setFollow(true).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, follow.code());
  }

  @Test
  void asyncCallsCompleteTheirFutures() throws Exception {
    CompletableFuture<RecordEventResponse> recorded =
        client.recordEventAsync(event("task_posted", "async-1"));
    CompletableFuture<List<Event>> batch =
        client.recordEventsAsync(List.of(event("bid_submitted", "async-1")));
    assertEquals("async-1", recorded.get(10, TimeUnit.SECONDS).getEvent().getAgentId());
    assertEquals(1, batch.get(10, TimeUnit.SECONDS).size());

    List<Event> listed =
        client
            .listEventsAsync(ListEventsRequest.newBuilder().setAgentId("async-1").build())
            .get(10, TimeUnit.SECONDS);
    assertEquals(2, listed.size());
    long count =
        client
            .countAsync(
                CountRequest.newBuilder()
                    .setTarget(CountTarget.COUNT_TARGET_EVENTS)
                    .setType("bid_submitted")
                    .build())
            .get(10, TimeUnit.SECONDS);
    assertTrue(count >= 1);

    CompletableFuture<RecordEventResponse> refused =
        client.recordEventAsync(RecordEventRequest.newBuilder().setEventType("").build());
    ExecutionException failed = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
    SparkException cause = assertInstanceOf(SparkException.class, failed.getCause());
    assertEquals(Status.Code.INVALID_ARGUMENT, cause.code());
    assertEquals("event_type", cause.field().orElseThrow());
    assertEquals(Status.Code.INVALID_ARGUMENT, SparkException.from(failed).code());

    CompletableFuture<List<Event>> following =
        client.listEventsAsync(ListEventsRequest.newBuilder().setFollow(true).build());
    assertTrue(following.isCompletedExceptionally());
  }

  @Test
  void storesUpdatesListsAndDeletesMemories() throws Exception {
    StoreMemoryResponse stored =
        client.storeMemory(
            StoreMemoryRequest.newBuilder()
                .setId("mem-1")
                .setMemoryType("insight")
                .setSubject("mem-subject")
                .setContent("bids rise at night")
                .setConfidence(0.7)
                .build());
    assertFalse(stored.getDuplicate());
    assertEquals(0.7, stored.getMemory().getConfidence(), 1e-9);
    client.storeMemory(
        StoreMemoryRequest.newBuilder()
            .setMemoryType("insight")
            .setSubject("mem-subject")
            .setContent("long gone")
            .setExpiresAt(Timestamp.newBuilder().setSeconds(946684800))
            .build());

    ListMemoriesRequest bySubject = ListMemoriesRequest.newBuilder().setSubject("mem-subject").build();
    assertEquals(1, client.listMemories(bySubject).size());
    assertEquals(2, client.listMemories(bySubject.toBuilder().setIncludeExpired(true).build()).size());

    Memory updated =
        client.updateMemoryAsync(
                UpdateMemoryRequest.newBuilder().setId("mem-1").setContent("bids rise at dawn").build())
            .get(10, TimeUnit.SECONDS);
    assertEquals("bids rise at dawn", updated.getContent());
    assertEquals(0.7, updated.getConfidence(), 1e-9);

    SparkException bad =
        assertThrows(
            SparkException.class,
            () -> client.updateMemory(UpdateMemoryRequest.newBuilder().setId("mem-1").setConfidence(2).build()));
    assertEquals("confidence", bad.field().orElseThrow());

    assertEquals("bids rise at dawn", client.deleteMemory("mem-1").getContent());
    assertTrue(client.listMemories(bySubject).isEmpty());
    assertNull(client.listMemoriesAsync(bySubject).get(10, TimeUnit.SECONDS).stream().findAny().orElse(null));
  }

  @Test
  void consolidateReportsWhatChanged() {
    List<RecordEventRequest> bids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bids.add(
          RecordEventRequest.newBuilder()
              .setEventType("bid_submitted")
              .setAgentId("consolidate-1")
              .setTaskId("bid-" + i)
              .setData("{\"bid_sats\": 100}")
              .build());
    }
    client.recordEvents(bids);
    ConsolidateRequest request = ConsolidateRequest.newBuilder().setAgentId("consolidate-1").build();
    ConsolidateResponse first = client.consolidate(request);
    assertEquals(1, first.getCreatedCount());
    assertEquals("bid_behaviour", first.getCreated(0).getRule());
    assertEquals(5, first.getCreated(0).getSourceEventIdsCount());
    ConsolidateResponse again = client.consolidate(request);
    assertEquals(0, again.getCreatedCount() + again.getUpdatedCount() + again.getExpiredCount());
  }

  @Test
  void theBuilderNeedsATarget() {
    assertThrows(IllegalStateException.class, () -> SparkClient.builder().build());
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkClient.builder().tls(null, Path.of("client.pem"), null));
  }
}
