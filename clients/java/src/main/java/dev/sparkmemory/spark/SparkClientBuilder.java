package dev.sparkmemory.spark;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configures a {@link SparkClient}: the server's address, a bearer token,
 * TLS (optionally mutual) and the deadline of unary calls.
 *
 * <pre>{@code
 * SparkClient client = SparkClient.builder()
 *     .target("spark.internal:50051")
 *     .token(System.getenv("SPARK_TOKEN"))
 *     .tls(Path.of("ca.pem"), Path.of("client.pem"), Path.of("client-key.pem"))
 *     .build();
 * }</pre>
 */
public final class SparkClientBuilder {
  private String target;
  private String token;
  private ChannelCredentials credentials = InsecureChannelCredentials.create();
  private Duration timeout = SparkClient.DEFAULT_TIMEOUT;
  private Consumer<ManagedChannelBuilder<?>> channelOptions = builder -> {};

  SparkClientBuilder() {}

  /**
   * The server: {@code host:port} (for example {@code 127.0.0.1:50051}) or
   * any gRPC target such as {@code dns:///spark.internal:50051}. Required.
   */
  public SparkClientBuilder target(String target) {
    this.target = Objects.requireNonNull(target, "target");
    return this;
  }

  /**
   * Sends {@code authorization: Bearer <token>} with every call; null or
   * empty sends none. The token is sent over plaintext too: use TLS beyond
   * the loopback.
   */
  public SparkClientBuilder token(String token) {
    this.token = token;
    return this;
  }

  /** TLS, trusting the system's root certificates. */
  public SparkClientBuilder tls() {
    this.credentials = TlsChannelCredentials.create();
    return this;
  }

  /** TLS, trusting the certificate authorities of a PEM file (null: the system's roots). */
  public SparkClientBuilder tls(Path caPem) {
    return tls(caPem, null, null);
  }

  /**
   * Mutual TLS: trusts the CAs of {@code caPem} (null: the system's roots)
   * and presents the client certificate chain {@code certPem} with its
   * PKCS#8 private key {@code keyPem} (both null: no client certificate).
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  public SparkClientBuilder tls(Path caPem, Path certPem, Path keyPem) {
    if ((certPem == null) != (keyPem == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its key, and a key its certificate");
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    try {
      if (caPem != null) {
        tls.trustManager(caPem.toFile());
      }
      if (certPem != null) {
        tls.keyManager(certPem.toFile(), keyPem.toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.credentials = tls.build();
    return this;
  }

  /**
   * Any channel credentials (for example from {@code TlsChannelCredentials}),
   * instead of {@code tls(..)}.
   */
  public SparkClientBuilder credentials(ChannelCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return this;
  }

  /**
   * The deadline of unary calls and of {@code listEvents}
   * ({@link SparkClient#DEFAULT_TIMEOUT} unless set; zero for none). Follows
   * and watches have no deadline.
   */
  public SparkClientBuilder timeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    this.timeout = timeout;
    return this;
  }

  /** Further channel settings (interceptors, keepalive, message sizes, ...), applied last. */
  public SparkClientBuilder channelOptions(Consumer<ManagedChannelBuilder<?>> options) {
    this.channelOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * The client. Like a gRPC channel it does not connect yet: the first call
   * does.
   */
  public SparkClient build() {
    if (target == null || target.isEmpty()) {
      throw new IllegalStateException("SparkClient.builder() needs a target(\"host:port\")");
    }
    ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, credentials);
    channelOptions.accept(builder);
    return new SparkClient(new SparkConnection(builder.build(), token), timeout);
  }
}
