package dev.sparkmemory.spark;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A call that failed: the gRPC status code, the server's message and, for
 * {@code INVALID_ARGUMENT}, the request field that was refused (from the
 * status's {@code google.rpc.BadRequest} detail). A status with a
 * {@code google.rpc.ErrorInfo} detail gives its {@link #reason()} and
 * {@link #metadata()}: an append whose condition failed is
 * {@code FAILED_PRECONDITION} with the reason {@value #APPEND_CONDITION_FAILED}
 * and the newest matching event's sequence in {@link #conflictingSequence()}.
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

  /** The {@link #reason()} of an append whose condition failed. */
  public static final String APPEND_CONDITION_FAILED = "APPEND_CONDITION_FAILED";

  /** The {@link #metadata()} key of the event that made an append condition fail. */
  public static final String CONFLICTING_SEQUENCE = "conflicting_sequence";

  private final Status.Code code;
  private final String statusMessage;
  private final transient BadRequest badRequest;
  private final transient ErrorInfo errorInfo;

  SparkException(
      Status.Code code,
      String statusMessage,
      BadRequest badRequest,
      ErrorInfo errorInfo,
      Throwable cause) {
    super(code + ": " + statusMessage, cause);
    this.code = code;
    this.statusMessage = statusMessage;
    this.badRequest = badRequest;
    this.errorInfo = errorInfo;
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
    com.google.rpc.Status details = StatusProto.fromThrowable(cause);
    return new SparkException(
        status.getCode(),
        message,
        detail(details, BadRequest.class),
        detail(details, ErrorInfo.class),
        cause);
  }

  /** An exception made on the client's side, without a call (for example a bad argument). */
  static SparkException of(Status.Code code, String message) {
    return new SparkException(code, message, null, null, null);
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
   * The machine-readable reason of the status's {@code google.rpc.ErrorInfo}
   * detail, for example {@value #APPEND_CONDITION_FAILED}; empty when it has none.
   */
  public Optional<String> reason() {
    return errorInfo == null ? Optional.empty() : Optional.of(errorInfo.getReason());
  }

  /** The metadata of the status's {@code ErrorInfo} detail (empty when it has none). */
  public Map<String, String> metadata() {
    return errorInfo == null ? Map.of() : errorInfo.getMetadataMap();
  }

  /** The status's {@code google.rpc.ErrorInfo} detail, when it has one. */
  public Optional<ErrorInfo> errorInfo() {
    return Optional.ofNullable(errorInfo);
  }

  /**
   * True when an append was refused because its {@code AppendCondition}
   * failed: {@code FAILED_PRECONDITION} with the reason
   * {@value #APPEND_CONDITION_FAILED}. Nothing was written; read the log
   * again, decide again and append with a new condition.
   */
  public boolean isConditionFailed() {
    return code == Status.Code.FAILED_PRECONDITION
        && reason().filter(APPEND_CONDITION_FAILED::equals).isPresent();
  }

  /**
   * The sequence of the newest event that matched a failed append condition
   * (the event another writer appended first); empty unless
   * {@link #isConditionFailed()}.
   */
  public OptionalLong conflictingSequence() {
    if (!isConditionFailed()) {
      return OptionalLong.empty();
    }
    String value = metadata().get(CONFLICTING_SEQUENCE);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
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

  /** The first detail of the given type in a status, or null. */
  private static <M extends com.google.protobuf.Message> M detail(
      com.google.rpc.Status status, Class<M> type) {
    if (status == null) {
      return null;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(type)) {
        try {
          return detail.unpack(type);
        } catch (InvalidProtocolBufferException e) {
          return null;
        }
      }
    }
    return null;
  }
}
