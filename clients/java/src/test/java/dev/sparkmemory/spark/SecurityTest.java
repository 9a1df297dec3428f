package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkmemory.spark.v1.CountRequest;
import dev.sparkmemory.spark.v1.CountTarget;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bearer token over mutual TLS, against a server with a tokens file and a client CA. */
class SecurityTest {
  private static final String ADMIN = "admin-token-java-0123456789";
  private static final String READER = "read-token-java-0123456789";

  @TempDir static Path dir;
  static SparkServer server;
  static SparkServer.Pki pki;

  @BeforeAll
  static void start() throws Exception {
    pki = SparkServer.Pki.write(Files.createDirectories(dir.resolve("pki")));
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, ADMIN + " java-admin admin\n" + READER + " java-reader read\n");
    String[] tls = pki.mutualTlsFlags();
    String[] flags = new String[tls.length + 2];
    flags[0] = "--tokens-file";
    flags[1] = tokens.toString();
    System.arraycopy(tls, 0, flags, 2, tls.length);
    var credentials =
        TlsChannelCredentials.newBuilder()
            .trustManager(pki.path("ca.pem").toFile())
            .keyManager(pki.path("client.pem").toFile(), pki.path("client-key.pem").toFile())
            .build();
    server = SparkServer.start(dir, credentials, flags);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private SparkClientBuilder mutualTls() {
    return SparkClient.builder()
        .target(server.address())
        .tls(pki.path("ca.pem"), pki.path("client.pem"), pki.path("client-key.pem"));
  }

  private static final RecordEventRequest EVENT =
      RecordEventRequest.newBuilder().setEventType("task_posted").build();

  @Test
  void aTokenOverMutualTlsIsServed() {
    try (SparkClient client = mutualTls().token(ADMIN).build()) {
      client.recordEvent(EVENT);
      assertEquals(
          1, client.count(CountRequest.newBuilder().setTarget(CountTarget.COUNT_TARGET_EVENTS).build()));
    }
  }

  @Test
  void withoutATokenTheCallIsUnauthenticated() {
    try (SparkClient client = mutualTls().build()) {
      SparkException e = assertThrows(SparkException.class, () -> client.recordEvent(EVENT));
      assertEquals(Status.Code.UNAUTHENTICATED, e.code());
    }
  }

  @Test
  void aReadTokenCannotWrite() {
    try (SparkClient client = mutualTls().token(READER).build()) {
      SparkException e = assertThrows(SparkException.class, () -> client.recordEvent(EVENT));
      assertEquals(Status.Code.PERMISSION_DENIED, e.code());
    }
  }

  @Test
  void withoutAClientCertificateTheHandshakeFails() {
    try (SparkClient client =
        SparkClient.builder().target(server.address()).tls(pki.path("ca.pem")).token(ADMIN).build()) {
      SparkException e = assertThrows(SparkException.class, () -> client.recordEvent(EVENT));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
  }
}
