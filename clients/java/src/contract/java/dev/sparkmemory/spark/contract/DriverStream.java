package dev.sparkmemory.spark.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Message;
import dev.sparkmemory.spark.ConsumerSubscription;
import dev.sparkmemory.spark.SparkException;
import dev.sparkmemory.spark.Subscription;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stream opened by a step: a thread reads it through the client and hands
 * each item, the caught-up marker, the end or the error to the steps that
 * read it (next, end), which wait with a timeout.
 */
final class DriverStream {
  /** What the reading thread hands over. */
  private sealed interface Entry permits Item, CaughtUp, End, Failed {}

  private record Item(Message message) implements Entry {}

  private record CaughtUp() implements Entry {}

  private record End() implements Entry {}

  private record Failed(SparkException error) implements Entry {}

  /** Where a read stops, beyond the end of the stream and the timeout. */
  enum Until {
    COUNT,
    CAUGHT_UP,
    END
  }

  private final BlockingQueue<Entry> entries = new LinkedBlockingQueue<>();
  private final Runnable cancel;

  private DriverStream(Runnable cancel) {
    this.cancel = cancel;
  }

  /** A follow or a watch, read on its own thread until it ends, fails or is closed. */
  static DriverStream of(Subscription<? extends Message> subscription) {
    DriverStream stream = new DriverStream(subscription::close);
    subscription.onCaughtUp(() -> stream.entries.add(new CaughtUp()));
    stream.read(
        () -> {
          while (subscription.hasNext()) {
            stream.entries.add(new Item(subscription.next()));
          }
        });
    return stream;
  }

  /** A durable consumer's follow (acknowledged by AckEvents steps), read as a follow. */
  static DriverStream of(ConsumerSubscription subscription) {
    DriverStream stream = new DriverStream(subscription::close);
    subscription.onCaughtUp(() -> stream.entries.add(new CaughtUp()));
    stream.read(
        () -> {
          while (subscription.hasNext()) {
            stream.entries.add(new Item(subscription.next()));
          }
        });
    return stream;
  }

  /** A plain ListEvents read as a stream: its events, then the end. */
  static DriverStream ofList(Supplier<List<? extends Message>> list) {
    DriverStream stream = new DriverStream(() -> {});
    stream.read(() -> list.get().forEach(m -> stream.entries.add(new Item(m))));
    return stream;
  }

  private void read(Runnable items) {
    Thread reader =
        new Thread(
            () -> {
              try {
                items.run();
                entries.add(new End());
              } catch (SparkException e) {
                entries.add(new Failed(e));
              }
            },
            "contract-stream");
    reader.setDaemon(true);
    reader.start();
  }

  void close() {
    cancel.run();
  }

  /**
   * Collects items until {@code count} of them (COUNT), the caught-up marker
   * (CAUGHT_UP), the end of the stream or the timeout.
   *
   * @throws SparkException when the stream failed
   */
  JsonObject readUntil(int count, Until until, long timeoutMs) {
    JsonArray items = new JsonArray();
    boolean caughtUp = false;
    boolean ended = false;
    boolean timedOut = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (until != Until.COUNT || items.size() < count) {
      Entry entry;
      try {
        entry = entries.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (entry == null) {
        timedOut = true;
        break;
      }
      if (entry instanceof Failed failed) {
        throw failed.error();
      }
      if (entry instanceof End) {
        ended = true;
        break;
      }
      if (entry instanceof CaughtUp) {
        caughtUp = true;
        if (until == Until.CAUGHT_UP) {
          break;
        }
        continue;
      }
      items.add(ContractDriver.json(((Item) entry).message()));
    }
    JsonObject read = new JsonObject();
    read.add("items", items);
    read.addProperty("caught_up", caughtUp);
    read.addProperty("ended", ended);
    read.addProperty("timed_out", timedOut);
    return read;
  }
}
