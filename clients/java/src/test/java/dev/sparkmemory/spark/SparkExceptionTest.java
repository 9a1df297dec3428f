package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** How failures become a SparkException, without a server. */
class SparkExceptionTest {
  @Test
  void aStatusWithABadRequestDetailNamesTheField() {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("spark: importance must be within [0, 1], got 1.5")
            .addDetails(
                Any.pack(
                    BadRequest.newBuilder()
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField("importance")
                                .setDescription("must be within [0, 1]"))
                        .build()))
            .build();
    SparkException e = SparkException.from(StatusProto.toStatusRuntimeException(status));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertEquals("spark: importance must be within [0, 1], got 1.5", e.statusMessage());
    assertEquals("importance", e.field().orElseThrow());
    assertEquals(
        "INVALID_ARGUMENT: spark: importance must be within [0, 1], got 1.5", e.getMessage());
  }

  @Test
  void wrappersAreUnwrappedAndOtherFailuresAreUnknown() {
    SparkException inner = SparkException.from(Status.UNAVAILABLE.asRuntimeException());
    assertTrue(inner.isRetryable());
    assertTrue(inner.field().isEmpty());
    assertEquals("", inner.statusMessage());
    assertSame(inner, SparkException.from(new CompletionException(inner)));
    assertSame(inner, SparkException.from(new ExecutionException(inner)));
    assertEquals(
        Status.Code.CANCELLED, SparkException.from(new CancellationException("stop")).code());
    assertEquals(Status.Code.UNKNOWN, SparkException.from(new IllegalStateException("x")).code());
  }

  private static SparkException withErrorInfo(int code, String reason, String sequence) {
    ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(reason).setDomain("spark");
    if (sequence != null) {
      info.putMetadata("conflicting_sequence", sequence);
    }
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(code)
            .setMessage("spark: append condition failed")
            .addDetails(Any.pack(info.build()))
            .build();
    return SparkException.from(StatusProto.toStatusRuntimeException(status));
  }

  @Test
  void aFailedConditionGivesItsReasonMetadataAndConflictingSequence() {
    SparkException e =
        withErrorInfo(Code.FAILED_PRECONDITION_VALUE, "APPEND_CONDITION_FAILED", "42");
    assertTrue(e.isConditionFailed());
    assertEquals("APPEND_CONDITION_FAILED", e.reason().orElseThrow());
    assertEquals("42", e.metadata().get("conflicting_sequence"));
    assertEquals(42, e.conflictingSequence().orElseThrow());
    assertEquals("spark", e.errorInfo().orElseThrow().getDomain());

    SparkException other = withErrorInfo(Code.FAILED_PRECONDITION_VALUE, "SOMETHING_ELSE", "42");
    assertFalse(other.isConditionFailed());
    assertTrue(other.conflictingSequence().isEmpty());
    assertTrue(
        withErrorInfo(Code.FAILED_PRECONDITION_VALUE, "APPEND_CONDITION_FAILED", "x")
            .conflictingSequence()
            .isEmpty());
    assertTrue(
        withErrorInfo(Code.FAILED_PRECONDITION_VALUE, "APPEND_CONDITION_FAILED", null)
            .conflictingSequence()
            .isEmpty());

    SparkException plain = SparkException.from(Status.FAILED_PRECONDITION.asRuntimeException());
    assertTrue(plain.reason().isEmpty());
    assertTrue(plain.metadata().isEmpty());
    assertFalse(plain.isConditionFailed());
  }
}
