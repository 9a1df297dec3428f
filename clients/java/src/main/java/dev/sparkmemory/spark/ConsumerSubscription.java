package dev.sparkmemory.spark;

import dev.sparkmemory.spark.v1.Consumer;
import dev.sparkmemory.spark.v1.Event;
import java.time.Duration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A durable consumer's follow of the log ({@link SparkClient#follow(String,
 * dev.sparkmemory.spark.v1.ListEventsRequest, boolean)}): a {@link Subscription}
 * of events that starts after the consumer's acknowledged sequence, kept by
 * the server, and can acknowledge its progress.
 *
 * <p>{@link #ack()} tells the server that every event up to the last one
 * returned is handled, so that the next follow of the consumer (on any
 * server sharing the store, after any restart) starts after it. With auto-ack
 * an event counts as handled once the next one is asked for ({@link
 * #hasNext()}, {@link #next()} or {@link #poll}); the handled events are
 * acknowledged before the subscription waits for more, and when it is
 * closed. A failed acknowledgement is thrown (a {@link SparkException}) to
 * the reader, or by {@link #close()} after the stream is cancelled.
 *
 * <pre>{@code
 * try (ConsumerSubscription events = client.follow("alerts", filters, true)) {
 *   for (Event event : events) {
 *     handle(event); // acknowledged once the loop asks for the next one
 *   }
 * }
 * }</pre>
 *
 * <p>Read it from one thread at a time; {@link #close()} may be called from
 * any thread.
 */
public final class ConsumerSubscription implements Iterator<Event>, Iterable<Event>, AutoCloseable {
  private final SparkClient client;
  private final Subscription<Event> events;
  private final String consumer;
  private final boolean autoAck;
  private volatile long lastSequence;
  private volatile long handled;
  private long acked;

  ConsumerSubscription(
      SparkClient client, Subscription<Event> events, String consumer, boolean autoAck) {
    this.client = client;
    this.events = events;
    this.consumer = consumer;
    this.autoAck = autoAck;
    events.beforeWaiting(this::ackHandled);
  }

  /** The consumer's name. */
  public String consumer() {
    return consumer;
  }

  /** Whether handled events are acknowledged by the subscription itself. */
  public boolean isAutoAck() {
    return autoAck;
  }

  /** The sequence of the last event returned (0 before the first). */
  public long lastSequence() {
    return lastSequence;
  }

  /**
   * Acknowledges every event up to the last one returned.
   *
   * @return the consumer after the ack, with its position and lag
   * @throws SparkException when the ack failed (for example {@code NOT_FOUND}:
   *     the consumer was deleted)
   */
  public Consumer ack() {
    return ack(lastSequence);
  }

  /**
   * Acknowledges every matching event up to {@code sequence}. The position
   * never moves back: an ack below it changes nothing.
   *
   * @return the consumer after the ack, with its position and lag
   * @throws SparkException when the ack failed
   */
  public Consumer ack(long sequence) {
    Consumer after = client.ackEvents(consumer, sequence);
    synchronized (this) {
      acked = Math.max(acked, sequence);
    }
    return after;
  }

  /**
   * Runs {@code callback} once the history has been read, as {@link
   * Subscription#onCaughtUp(Runnable)}.
   *
   * @return this subscription
   */
  public ConsumerSubscription onCaughtUp(Runnable callback) {
    events.onCaughtUp(callback);
    return this;
  }

  /** True once every event of the history (after the consumer's position) has been returned. */
  public boolean isCaughtUp() {
    return events.isCaughtUp();
  }

  /**
   * Waits for the next event (with auto-ack, acknowledging the handled ones
   * first when none is at hand).
   *
   * @return false when the server ended the stream or it was closed
   * @throws SparkException when the stream or an acknowledgement failed
   */
  @Override
  public boolean hasNext() {
    handled = lastSequence;
    return events.hasNext();
  }

  @Override
  public Event next() {
    handled = lastSequence;
    return returned(events.next());
  }

  /**
   * Waits at most {@code timeout} for the next event.
   *
   * @return the event, or null when none came in time or the stream has ended
   * @throws SparkException when the stream or an acknowledgement failed
   */
  public Event poll(Duration timeout) {
    handled = lastSequence;
    Event event = events.poll(timeout);
    return event == null ? null : returned(event);
  }

  /** True once the stream has ended (by the server, an error, or {@link #close()}). */
  public boolean isEnded() {
    return events.isEnded();
  }

  /** This subscription as an iterable, for a for-each loop. It can be iterated once. */
  @Override
  public Iterator<Event> iterator() {
    return this;
  }

  /** The events as a sequential stream; closing the stream closes the subscription. */
  public Stream<Event> stream() {
    Spliterator<Event> spliterator =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /**
   * With auto-ack, acknowledges the handled events (every event returned
   * before the last one: the last is still being handled unless the next was
   * asked for), then cancels the call. Safe to call more than once.
   *
   * @throws SparkException when the acknowledgement failed (the call is cancelled all the same)
   */
  @Override
  public void close() {
    try {
      ackHandled();
    } finally {
      events.close();
    }
  }

  private Event returned(Event event) {
    lastSequence = event.getSequence();
    return event;
  }

  private synchronized long ackedSoFar() {
    return acked;
  }

  private void ackHandled() {
    long upto = handled;
    if (autoAck && upto > ackedSoFar()) {
      ack(upto);
    }
  }
}
