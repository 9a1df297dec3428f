package dev.sparkmemory.spark;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A call that failed: the gRPC status code, the server's message and, for
 * {@code INVALID_ARGUMENT}, the request field that was refused (from the
 * status's {@code google.rpc.BadRequest} detail).
 *
 * <pre>{@code
 * try {
 *     client.recordEvent(request);
 * } catch (SparkException e) {
 *     if (e.code() == Status.Code.INVALID_ARGUMENT) {
 *         System.err.println("bad " + e.field().orElse("request") + ": " + e.statusMessage());
 *     }
 * }
 * }</pre>
 */
public final class SparkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String statusMessage;
  private final transient BadRequest badRequest;

  SparkException(Status.Code code, String statusMessage, BadRequest badRequest, Throwable cause) {
    super(code + ": " + statusMessage, cause);
    this.code = code;
    this.statusMessage = statusMessage;
    this.badRequest = badRequest;
  }

  /**
   * The exception for a failure of a call: a gRPC status exception keeps its
   * code, message and details; a {@link SparkException} is returned as it is;
   * anything else is {@code UNKNOWN} (or {@code CANCELLED} for a cancellation).
   */
  public static SparkException from(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof SparkException spark) {
      return spark;
    }
    Status status =
        cause instanceof CancellationException
            ? Status.CANCELLED.withDescription(cause.getMessage()).withCause(cause)
            : Status.fromThrowable(cause);
    String message = status.getDescription() == null ? "" : status.getDescription();
    return new SparkException(status.getCode(), message, badRequestOf(cause), cause);
  }

  /** An exception made on the client's side, without a call (for example a bad argument). */
  static SparkException of(Status.Code code, String message) {
    return new SparkException(code, message, null, null);
  }

  /** The gRPC status code, for example {@code INVALID_ARGUMENT} or {@code UNAVAILABLE}. */
  public Status.Code code() {
    return code;
  }

  /** The status message as the server sent it (empty when it sent none). */
  public String statusMessage() {
    return statusMessage;
  }

  /**
   * The request field that the server refused, for example {@code importance}
   * or {@code events[3].importance}: the first field violation of the
   * status's {@code BadRequest} detail.
   */
  public Optional<String> field() {
    if (badRequest == null || badRequest.getFieldViolationsCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(badRequest.getFieldViolations(0).getField());
  }

  /** The status's {@code google.rpc.BadRequest} detail, when it has one. */
  public Optional<BadRequest> badRequest() {
    return Optional.ofNullable(badRequest);
  }

  /**
   * Whether the same call may succeed later: {@code UNAVAILABLE} (the store
   * could not be reached or written, or the server is shutting down).
   */
  public boolean isRetryable() {
    return code == Status.Code.UNAVAILABLE;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static BadRequest badRequestOf(Throwable error) {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return null;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          return detail.unpack(BadRequest.class);
        } catch (InvalidProtocolBufferException e) {
          return null;
        }
      }
    }
    return null;
  }
}
