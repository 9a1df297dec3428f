package dev.sparkmemory.spark;

import dev.sparkmemory.spark.v1.AckEventsRequest;
import dev.sparkmemory.spark.v1.AckEventsResponse;
import dev.sparkmemory.spark.v1.AppendCondition;
import dev.sparkmemory.spark.v1.ConsolidateRequest;
import dev.sparkmemory.spark.v1.ConsolidateResponse;
import dev.sparkmemory.spark.v1.Consumer;
import dev.sparkmemory.spark.v1.CountRequest;
import dev.sparkmemory.spark.v1.CountResponse;
import dev.sparkmemory.spark.v1.DeleteConsumerRequest;
import dev.sparkmemory.spark.v1.DeleteConsumerResponse;
import dev.sparkmemory.spark.v1.DeleteMemoryRequest;
import dev.sparkmemory.spark.v1.DeleteMemoryResponse;
import dev.sparkmemory.spark.v1.Event;
import dev.sparkmemory.spark.v1.GetConsumerRequest;
import dev.sparkmemory.spark.v1.ListConsumersRequest;
import dev.sparkmemory.spark.v1.ListConsumersResponse;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.ListEventsResponse;
import dev.sparkmemory.spark.v1.ListMemoriesRequest;
import dev.sparkmemory.spark.v1.ListMemoriesResponse;
import dev.sparkmemory.spark.v1.Memory;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.RecordEventResponse;
import dev.sparkmemory.spark.v1.RecordEventsRequest;
import dev.sparkmemory.spark.v1.RecordEventsResponse;
import dev.sparkmemory.spark.v1.SparkServiceGrpc;
import dev.sparkmemory.spark.v1.StoreMemoryRequest;
import dev.sparkmemory.spark.v1.StoreMemoryResponse;
import dev.sparkmemory.spark.v1.UpdateMemoryRequest;
import dev.sparkmemory.spark.v1.UpdateMemoryResponse;
import dev.sparkmemory.spark.v1.WatchMemoriesRequest;
import dev.sparkmemory.spark.v1.WatchMemoriesResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Java client of Spark Memory, the event log and memory store of an
 * agent swarm (gRPC service {@code spark.v1.SparkService}).
 *
 * <p>A thin layer over the generated stubs in {@code dev.sparkmemory.spark.v1}:
 * each RPC has a blocking method and an {@code ...Async} method returning a
 * {@link CompletableFuture}; {@link #follow} and {@link #watchMemories} return
 * a {@link Subscription} to iterate (a durable consumer's follow, a
 * {@link ConsumerSubscription} that acknowledges). Every failure is a {@link SparkException}
 * (thrown, or completing the future) with the gRPC status code, the message
 * and the refused field. The client is thread-safe; close it when done.
 *
 * <pre>{@code
 * try (SparkClient client = SparkClient.builder().target("127.0.0.1:50051").build()) {
 *   RecordEventResponse res = client.recordEvent(
 *       RecordEventRequest.newBuilder().setEventType("task_posted").setAgentId("a1").build());
 *   System.out.println(res.getEvent().getSequence());
 * }
 * }</pre>
 */
public final class SparkClient implements AutoCloseable {
  /** The deadline of a unary call unless the builder sets another. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final SparkConnection connection;
  private final Channel channel;
  private final Duration timeout;

  SparkClient(SparkConnection connection, Duration timeout) {
    this.connection = connection;
    this.channel = connection.channel();
    this.timeout = timeout;
  }

  /** A builder: {@code SparkClient.builder().target("host:port").token(..).tls(..).build()}. */
  public static SparkClientBuilder builder() {
    return new SparkClientBuilder();
  }

  /**
   * The channel, with the token (if any) attached to every call: for the
   * generated stubs ({@code SparkServiceGrpc.newBlockingStub(client.channel())})
   * or anything else this wrapper leaves out.
   */
  public Channel channel() {
    return channel;
  }

  /**
   * Closes the connection; calls in flight, follows and watches among them,
   * fail with {@code UNAVAILABLE}. Close a subscription itself to end it quietly.
   */
  @Override
  public void close() {
    connection.close();
  }

  // --- events ---------------------------------------------------------------

  /**
   * Appends one event. With an id set the call is idempotent: a retry with
   * the same content returns the stored event with {@code duplicate} set.
   * With the request's condition set it is a conditional append (see
   * {@link #recordEvent(RecordEventRequest, AppendCondition)}).
   */
  public RecordEventResponse recordEvent(RecordEventRequest request) {
    return blocking(() -> stub().recordEvent(request));
  }

  /** {@link #recordEvent}, without blocking. */
  public CompletableFuture<RecordEventResponse> recordEventAsync(RecordEventRequest request) {
    return unary(SparkServiceGrpc.getRecordEventMethod(), request, Function.identity());
  }

  /**
   * Appends one event if {@code condition} holds: no event matching its
   * filters has a sequence above its {@code after_sequence} (the condition
   * is checked and the event written in one transaction). Otherwise nothing
   * is written and the {@link SparkException} is {@code FAILED_PRECONDITION}
   * with {@link SparkException#isConditionFailed()} true and the newest
   * matching event's sequence in {@link SparkException#conflictingSequence()}.
   * A retry of a stored request (same id and content) is a duplicate even
   * when the condition no longer holds.
   *
   * <p>The coordinator pattern: read the log, decide, append with a
   * condition on what was read, and on a failed condition read again.
   */
  public RecordEventResponse recordEvent(RecordEventRequest request, AppendCondition condition) {
    return recordEvent(conditional(request, condition));
  }

  /** {@link #recordEvent(RecordEventRequest, AppendCondition)}, without blocking. */
  public CompletableFuture<RecordEventResponse> recordEventAsync(
      RecordEventRequest request, AppendCondition condition) {
    return recordEventAsync(conditional(request, condition));
  }

  /** Appends a batch atomically (all or none) and returns the stored events in request order. */
  public List<Event> recordEvents(List<RecordEventRequest> events) {
    RecordEventsRequest request = RecordEventsRequest.newBuilder().addAllEvents(events).build();
    return blocking(() -> stub().recordEvents(request)).getEventsList();
  }

  /** {@link #recordEvents}, without blocking. */
  public CompletableFuture<List<Event>> recordEventsAsync(List<RecordEventRequest> events) {
    RecordEventsRequest request = RecordEventsRequest.newBuilder().addAllEvents(events).build();
    return unary(
        SparkServiceGrpc.getRecordEventsMethod(), request, RecordEventsResponse::getEventsList);
  }

  /**
   * Appends a batch atomically if {@code condition} holds for the whole
   * batch, as {@link #recordEvent(RecordEventRequest, AppendCondition)}: a
   * failed condition writes none of the events. The items must not carry
   * conditions of their own ({@code INVALID_ARGUMENT}).
   */
  public List<Event> recordEvents(List<RecordEventRequest> events, AppendCondition condition) {
    RecordEventsRequest request = batch(events, condition);
    return blocking(() -> stub().recordEvents(request)).getEventsList();
  }

  /** {@link #recordEvents(List, AppendCondition)}, without blocking. */
  public CompletableFuture<List<Event>> recordEventsAsync(
      List<RecordEventRequest> events, AppendCondition condition) {
    return unary(
        SparkServiceGrpc.getRecordEventsMethod(),
        batch(events, condition),
        RecordEventsResponse::getEventsList);
  }

  /**
   * Reads the matching events (newest first unless the request's order says
   * otherwise) and returns them once the server has sent them all. To follow
   * the log, use {@link #follow}.
   *
   * @throws SparkException {@code INVALID_ARGUMENT} when the request has follow set
   */
  public List<Event> listEvents(ListEventsRequest request) {
    refuseFollow(request);
    return blocking(
        () -> {
          List<Event> events = new ArrayList<>();
          stub().listEvents(request).forEachRemaining(m -> events.addAll(m.getEventsList()));
          return events;
        });
  }

  /** {@link #listEvents}, without blocking. */
  public CompletableFuture<List<Event>> listEventsAsync(ListEventsRequest request) {
    try {
      refuseFollow(request);
    } catch (SparkException e) {
      return CompletableFuture.failedFuture(e);
    }
    ClientCall<ListEventsRequest, ListEventsResponse> call =
        channel.newCall(SparkServiceGrpc.getListEventsMethod(), unaryOptions());
    CompletableFuture<List<Event>> future = new CompletableFuture<>();
    List<Event> events = new ArrayList<>();
    ClientCalls.asyncServerStreamingCall(
        call,
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(ListEventsResponse message) {
            events.addAll(message.getEventsList());
          }

          @Override
          public void onError(Throwable error) {
            future.completeExceptionally(SparkException.from(error));
          }

          @Override
          public void onCompleted() {
            future.complete(events);
          }
        });
    return cancelling(future, call);
  }

  /**
   * Follows the log: the matching history oldest first, then every matching
   * event as it is committed, until the subscription is closed, the
   * request's limit is reached, or the stream fails. The caught-up marker
   * (the end of the history) is {@link Subscription#isCaughtUp()} and
   * {@link Subscription#onCaughtUp(Runnable)}. Resume after a failure with
   * {@code after_sequence} set to the last sequence received. The request's
   * follow flag is set for you; there is no deadline.
   */
  public Subscription<Event> follow(ListEventsRequest request) {
    ListEventsRequest following = request.toBuilder().setFollow(true).build();
    return Subscription.<ListEventsRequest, ListEventsResponse, Event>start(
        observer -> asyncStub().listEvents(following, observer),
        ListEventsResponse::getEventsList,
        ListEventsResponse::getCaughtUp);
  }

  /**
   * Follows the log as the durable consumer {@code consumer}, as {@link
   * #follow(ListEventsRequest)}: without an {@code after_sequence} the stream
   * starts after the consumer's acknowledged sequence, which the server keeps
   * (the consumer is created on first use with the request's filters; other
   * filters later are {@code FAILED_PRECONDITION}). Acknowledge progress with
   * {@link ConsumerSubscription#ack()}, or pass {@code autoAck}: then an
   * event counts as handled once the next one is asked for, and the handled
   * events are acknowledged before the subscription waits for more and when
   * it is closed.
   *
   * @param consumer the consumer's name (set as the request's consumer)
   * @param request the filters; follow is set for you
   * @param autoAck whether the subscription acknowledges handled events by itself
   */
  public ConsumerSubscription follow(
      String consumer, ListEventsRequest request, boolean autoAck) {
    if (consumer == null || consumer.isEmpty()) {
      throw SparkException.of(Status.Code.INVALID_ARGUMENT, "spark: a consumer needs a name");
    }
    Subscription<Event> events = follow(request.toBuilder().setConsumer(consumer).build());
    return new ConsumerSubscription(this, events, consumer, autoAck);
  }

  /**
   * {@link #follow(String, ListEventsRequest, boolean)} without auto-ack:
   * acknowledge with {@link ConsumerSubscription#ack()}.
   */
  public ConsumerSubscription follow(String consumer, ListEventsRequest request) {
    return follow(consumer, request, false);
  }

  // --- durable consumers ----------------------------------------------------

  /**
   * Moves a durable consumer's position forward to {@code sequence}: every
   * matching event up to it is handled. An ack below the position changes
   * nothing; the position is stored before the call returns.
   *
   * @return the consumer after the ack, with its position and exact lag
   * @throws SparkException {@code NOT_FOUND} (no such consumer),
   *     {@code INVALID_ARGUMENT} (a sequence above the log's head)
   */
  public Consumer ackEvents(String consumer, long sequence) {
    AckEventsRequest request = ack(consumer, sequence);
    return blocking(() -> stub().ackEvents(request)).getConsumer();
  }

  /** {@link #ackEvents}, without blocking. */
  public CompletableFuture<Consumer> ackEventsAsync(String consumer, long sequence) {
    return unary(
        SparkServiceGrpc.getAckEventsMethod(),
        ack(consumer, sequence),
        AckEventsResponse::getConsumer);
  }

  /**
   * A durable consumer with its position, filters and exact lag.
   *
   * @throws SparkException {@code NOT_FOUND} when there is no such consumer
   */
  public Consumer getConsumer(String name) {
    GetConsumerRequest request = GetConsumerRequest.newBuilder().setName(name).build();
    return blocking(() -> stub().getConsumer(request));
  }

  /** {@link #getConsumer}, without blocking. */
  public CompletableFuture<Consumer> getConsumerAsync(String name) {
    GetConsumerRequest request = GetConsumerRequest.newBuilder().setName(name).build();
    return unary(SparkServiceGrpc.getGetConsumerMethod(), request, Function.identity());
  }

  /** Every durable consumer, by name. */
  public List<Consumer> listConsumers() {
    ListConsumersRequest request = ListConsumersRequest.getDefaultInstance();
    return blocking(() -> stub().listConsumers(request)).getConsumersList();
  }

  /** {@link #listConsumers}, without blocking. */
  public CompletableFuture<List<Consumer>> listConsumersAsync() {
    return unary(
        SparkServiceGrpc.getListConsumersMethod(),
        ListConsumersRequest.getDefaultInstance(),
        ListConsumersResponse::getConsumersList);
  }

  /**
   * Forgets a durable consumer and its position, and returns it as it was.
   *
   * @throws SparkException {@code NOT_FOUND} when there is no such consumer
   */
  public Consumer deleteConsumer(String name) {
    DeleteConsumerRequest request = DeleteConsumerRequest.newBuilder().setName(name).build();
    return blocking(() -> stub().deleteConsumer(request)).getConsumer();
  }

  /** {@link #deleteConsumer}, without blocking. */
  public CompletableFuture<Consumer> deleteConsumerAsync(String name) {
    DeleteConsumerRequest request = DeleteConsumerRequest.newBuilder().setName(name).build();
    return unary(
        SparkServiceGrpc.getDeleteConsumerMethod(),
        request,
        DeleteConsumerResponse::getConsumer);
  }

  // --- memories -------------------------------------------------------------

  /** Stores one memory; with an id set the call is idempotent, as in {@link #recordEvent}. */
  public StoreMemoryResponse storeMemory(StoreMemoryRequest request) {
    return blocking(() -> stub().storeMemory(request));
  }

  /** {@link #storeMemory}, without blocking. */
  public CompletableFuture<StoreMemoryResponse> storeMemoryAsync(StoreMemoryRequest request) {
    return unary(SparkServiceGrpc.getStoreMemoryMethod(), request, Function.identity());
  }

  /** The matching memories, newest first (expired ones only with include_expired). */
  public List<Memory> listMemories(ListMemoriesRequest request) {
    return blocking(() -> stub().listMemories(request)).getMemoriesList();
  }

  /** {@link #listMemories}, without blocking. */
  public CompletableFuture<List<Memory>> listMemoriesAsync(ListMemoriesRequest request) {
    return unary(
        SparkServiceGrpc.getListMemoriesMethod(), request, ListMemoriesResponse::getMemoriesList);
  }

  /** Counts events or memories. */
  public long count(CountRequest request) {
    return blocking(() -> stub().count(request)).getCount();
  }

  /** {@link #count}, without blocking. */
  public CompletableFuture<Long> countAsync(CountRequest request) {
    return unary(SparkServiceGrpc.getCountMethod(), request, CountResponse::getCount);
  }

  /** Runs the consolidation rules now and reports the memories created, updated and expired. */
  public ConsolidateResponse consolidate(ConsolidateRequest request) {
    return blocking(() -> stub().consolidate(request));
  }

  /** {@link #consolidate}, without blocking. */
  public CompletableFuture<ConsolidateResponse> consolidateAsync(ConsolidateRequest request) {
    return unary(SparkServiceGrpc.getConsolidateMethod(), request, Function.identity());
  }

  /** Changes a memory's content, confidence or expiry and returns it as stored. */
  public Memory updateMemory(UpdateMemoryRequest request) {
    return blocking(() -> stub().updateMemory(request)).getMemory();
  }

  /** {@link #updateMemory}, without blocking. */
  public CompletableFuture<Memory> updateMemoryAsync(UpdateMemoryRequest request) {
    return unary(
        SparkServiceGrpc.getUpdateMemoryMethod(), request, UpdateMemoryResponse::getMemory);
  }

  /** Deletes a memory and returns it as it was. */
  public Memory deleteMemory(String id) {
    DeleteMemoryRequest request = DeleteMemoryRequest.newBuilder().setId(id).build();
    return blocking(() -> stub().deleteMemory(request)).getMemory();
  }

  /** {@link #deleteMemory}, without blocking. */
  public CompletableFuture<Memory> deleteMemoryAsync(String id) {
    DeleteMemoryRequest request = DeleteMemoryRequest.newBuilder().setId(id).build();
    return unary(
        SparkServiceGrpc.getDeleteMemoryMethod(), request, DeleteMemoryResponse::getMemory);
  }

  /**
   * Watches memory changes as they happen (with include_existing, first the
   * current memories as {@code MEMORY_CHANGE_KIND_EXISTING}) until the
   * subscription is closed. Every change has a {@code sequence}: resume after
   * a failure with the request's {@code after_sequence} set to the last one
   * received. The bare caught-up message is not an item: it is
   * {@link Subscription#isCaughtUp()} and {@link Subscription#onCaughtUp(Runnable)}.
   */
  public Subscription<WatchMemoriesResponse> watchMemories(WatchMemoriesRequest request) {
    return Subscription.<WatchMemoriesRequest, WatchMemoriesResponse, WatchMemoriesResponse>start(
        observer -> asyncStub().watchMemories(request, observer),
        change -> change.hasMemory() ? List.of(change) : List.of(),
        WatchMemoriesResponse::getCaughtUp);
  }

  // --- plumbing -------------------------------------------------------------

  private SparkServiceGrpc.SparkServiceBlockingStub stub() {
    SparkServiceGrpc.SparkServiceBlockingStub stub = SparkServiceGrpc.newBlockingStub(channel);
    if (timeout.isZero()) {
      return stub;
    }
    return stub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private SparkServiceGrpc.SparkServiceStub asyncStub() {
    return SparkServiceGrpc.newStub(channel);
  }

  private CallOptions unaryOptions() {
    return timeout.isZero()
        ? CallOptions.DEFAULT
        : CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static <R> R blocking(Supplier<R> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw SparkException.from(e);
    }
  }

  private <Req, Res, R> CompletableFuture<R> unary(
      MethodDescriptor<Req, Res> method, Req request, Function<Res, R> result) {
    ClientCall<Req, Res> call = channel.newCall(method, unaryOptions());
    CompletableFuture<R> future = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        call,
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(Res response) {
            future.complete(result.apply(response));
          }

          @Override
          public void onError(Throwable error) {
            future.completeExceptionally(SparkException.from(error));
          }

          @Override
          public void onCompleted() {}
        });
    return cancelling(future, call);
  }

  /** Cancelling the future cancels the call. */
  private static <R> CompletableFuture<R> cancelling(
      CompletableFuture<R> future, ClientCall<?, ?> call) {
    future.whenComplete(
        (value, error) -> {
          if (future.isCancelled()) {
            call.cancel("cancelled by the caller", null);
          }
        });
    return future;
  }

  private static RecordEventsRequest batch(
      List<RecordEventRequest> events, AppendCondition condition) {
    RecordEventsRequest.Builder request = RecordEventsRequest.newBuilder().addAllEvents(events);
    if (condition != null) {
      request.setCondition(condition);
    }
    return request.build();
  }

  private static RecordEventRequest conditional(
      RecordEventRequest request, AppendCondition condition) {
    return condition == null
        ? request.toBuilder().clearCondition().build()
        : request.toBuilder().setCondition(condition).build();
  }

  private static AckEventsRequest ack(String consumer, long sequence) {
    return AckEventsRequest.newBuilder().setConsumer(consumer).setSequence(sequence).build();
  }

  private static void refuseFollow(ListEventsRequest request) {
    if (request.getFollow()) {
      throw SparkException.of(
          Status.Code.INVALID_ARGUMENT,
          "spark: ListEvents with follow set never ends: use follow()");
    }
  }
}
