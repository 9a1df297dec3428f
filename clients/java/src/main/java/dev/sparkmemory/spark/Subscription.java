package dev.sparkmemory.spark;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A live server stream (a follow of the event log, or a watch of memory
 * changes), read as an {@link Iterator} or a {@link Stream}.
 *
 * <p>{@link #hasNext()} blocks until the next item arrives, the server ends
 * the stream (limit reached) or the stream fails, which throws a
 * {@link SparkException}. {@link #close()} cancels the call from any thread;
 * iteration then ends quietly. The stream has the caught-up marker: once
 * every item of the history has been returned, {@link #isCaughtUp()} turns
 * true and the {@link #onCaughtUp(Runnable)} callback runs (on the reading
 * thread, before it waits for the first live item).
 *
 * <p>Messages are requested from the server one at a time as they are read,
 * so a slow reader holds back the server's sending (gRPC flow control)
 * rather than filling memory. Read it from one thread at a time.
 *
 * <pre>{@code
 * try (Subscription<Event> events = client.follow(request)
 *     .onCaughtUp(() -> System.out.println("-- live"))) {
 *   for (Event event : events) { ... }
 * }
 * }</pre>
 *
 * @param <T> the items: {@code Event} for a follow, {@code WatchMemoriesResponse} for a watch
 */
public final class Subscription<T> implements Iterator<T>, Iterable<T>, AutoCloseable {
  /** What the call hands to the reader: a message's items, the end, or the failure. */
  private sealed interface Entry<T> permits Batch, End, Failure {}

  private record Batch<T>(List<T> items, boolean caughtUp) implements Entry<T> {}

  private record End<T>() implements Entry<T> {}

  private record Failure<T>(SparkException error) implements Entry<T> {}

  private enum Wait {
    ITEM,
    END,
    TIMEOUT
  }

  private final BlockingQueue<Entry<T>> entries = new LinkedBlockingQueue<>();
  private final ArrayDeque<T> pending = new ArrayDeque<>();
  private volatile ClientCallStreamObserver<?> call;
  private volatile boolean closed;
  private volatile boolean caughtUp;
  private boolean markerDue;
  private boolean finished;
  private SparkException failure;
  private Runnable onCaughtUp;
  private Runnable beforeWaiting;

  private Subscription() {}

  /**
   * Starts a server-streaming call: {@code start} is given the observer to
   * pass to the generated async stub; {@code items} and {@code caughtUp} read
   * each response.
   */
  static <Req, Res, T> Subscription<T> start(
      java.util.function.Consumer<ClientResponseObserver<Req, Res>> start,
      Function<Res, List<T>> items,
      Predicate<Res> caughtUp) {
    Subscription<T> subscription = new Subscription<>();
    start.accept(subscription.observer(items, caughtUp));
    return subscription;
  }

  private <Req, Res> ClientResponseObserver<Req, Res> observer(
      Function<Res, List<T>> items, Predicate<Res> caughtUp) {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<Req> requestStream) {
        call = requestStream;
        requestStream.disableAutoRequestWithInitial(1);
      }

      @Override
      public void onNext(Res message) {
        entries.add(new Batch<>(items.apply(message), caughtUp.test(message)));
      }

      @Override
      public void onError(Throwable error) {
        entries.add(closed ? new End<>() : new Failure<>(SparkException.from(error)));
      }

      @Override
      public void onCompleted() {
        entries.add(new End<>());
      }
    };
  }

  /**
   * Runs {@code callback} once the history has been read (see the class
   * comment); if that has happened already, runs it on the next read.
   *
   * @return this subscription
   */
  public Subscription<T> onCaughtUp(Runnable callback) {
    this.onCaughtUp = callback;
    if (caughtUp && callback != null) {
      markerDue = true;
    }
    return this;
  }

  /**
   * Runs {@code hook} on the reading thread whenever every item received has
   * been returned and the subscription is about to wait for the next message
   * (a durable consumer acknowledges there). An exception it throws is
   * thrown to the reader.
   */
  void beforeWaiting(Runnable hook) {
    this.beforeWaiting = hook;
  }

  /** True once every item of the history has been returned: every later item is live. */
  public boolean isCaughtUp() {
    return caughtUp;
  }

  /**
   * Waits for the next item.
   *
   * @return false when the server ended the stream or it was closed
   * @throws SparkException when the stream failed
   */
  @Override
  public boolean hasNext() {
    return await(-1) == Wait.ITEM;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    return pending.poll();
  }

  /**
   * Waits at most {@code timeout} for the next item.
   *
   * @return the item, or null when none came in time or the stream has ended
   *     (then {@link #isEnded()} is true)
   * @throws SparkException when the stream failed
   */
  public T poll(Duration timeout) {
    return await(Math.max(0, timeout.toNanos())) == Wait.ITEM ? pending.poll() : null;
  }

  /** True once the stream has ended (by the server, an error, or {@link #close()}). */
  public boolean isEnded() {
    return closed || (finished && pending.isEmpty());
  }

  /** This subscription as an iterable, for a for-each loop. It can be iterated once. */
  @Override
  public Iterator<T> iterator() {
    return this;
  }

  /** The items as a sequential stream; closing the stream closes the subscription. */
  public Stream<T> stream() {
    Spliterator<T> spliterator =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /** Cancels the call; iteration ends quietly. Safe to call from any thread, more than once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ClientCallStreamObserver<?> running = call;
    if (running != null) {
      running.cancel("closed by the client", null);
    }
    entries.add(new End<>());
  }

  private Wait await(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      if (closed) {
        pending.clear();
        return Wait.END;
      }
      if (!pending.isEmpty()) {
        return Wait.ITEM;
      }
      if (markerDue) {
        markerDue = false;
        caughtUp = true;
        if (onCaughtUp != null) {
          onCaughtUp.run();
        }
        continue;
      }
      if (finished) {
        if (failure != null) {
          throw failure;
        }
        return Wait.END;
      }
      if (beforeWaiting != null) {
        beforeWaiting.run();
      }
      Entry<T> entry;
      try {
        entry =
            timeoutNanos < 0
                ? entries.take()
                : entries.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw SparkException.from(Status.CANCELLED.withDescription("interrupted").asException());
      }
      if (entry == null) {
        return Wait.TIMEOUT;
      }
      if (entry instanceof Batch<T> batch) {
        pending.addAll(batch.items());
        if (batch.caughtUp() && !caughtUp) {
          markerDue = true;
        }
        call.request(1);
      } else if (entry instanceof Failure<T> failed) {
        finished = true;
        failure = failed.error();
      } else {
        finished = true;
      }
    }
  }
}
