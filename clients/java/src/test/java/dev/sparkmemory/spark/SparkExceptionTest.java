package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
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
}
