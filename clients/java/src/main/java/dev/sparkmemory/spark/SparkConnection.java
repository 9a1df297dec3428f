package dev.sparkmemory.spark;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** The channel of a client and what every call on it carries (the bearer token). */
final class SparkConnection {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel managed;
  private final Channel channel;

  SparkConnection(ManagedChannel managed, String token) {
    this.managed = managed;
    if (token == null || token.isEmpty()) {
      this.channel = managed;
    } else {
      // A header rather than CallCredentials, so that the token is also sent
      // to a plaintext server on the loopback (as the other clients do).
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      this.channel =
          ClientInterceptors.intercept(managed, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
  }

  Channel channel() {
    return channel;
  }

  void close() {
    managed.shutdownNow();
    try {
      managed.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
