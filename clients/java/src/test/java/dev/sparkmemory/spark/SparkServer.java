package dev.sparkmemory.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code spark-grpc serve}) on a fresh database and port 0,
 * for the tests: its bound address is read from its log line, and it is
 * ready once its health check answers SERVING. The server is
 * {@code SPARK_GRPC_BIN}, or the one that {@code make setup} installs
 * ({@code ../../.venv/bin/spark-grpc}); without it the tests are skipped,
 * or fail in CI (CI=true).
 */
final class SparkServer implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("spark-grpc serving on (\\S+)");
  /** The repository's root, from clients/java (where Maven runs the tests). */
  static final Path REPO = Path.of("..", "..").toAbsolutePath().normalize();

  private final Process process;
  private final String address;

  private SparkServer(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  /** The server's {@code host:port}. */
  String address() {
    return address;
  }

  static Path serverBin() {
    String configured = System.getenv("SPARK_GRPC_BIN");
    Path bin =
        configured == null || configured.isEmpty()
            ? REPO.resolve(".venv/bin/spark-grpc")
            : Path.of(configured);
    if (!Files.isExecutable(bin)) {
      String why = "no spark-grpc server at " + bin + ": run `make setup`";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return bin;
  }

  /**
   * Starts a server with extra flags and waits until it is healthy over
   * {@code credentials} (null: plaintext).
   */
  static SparkServer start(Path dir, ChannelCredentials credentials, String... flags)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(serverBin().toString());
    command.addAll(
        List.of("serve", "--db", dir.resolve("spark.db").toString(), "--listen", "127.0.0.1:0"));
    command.addAll(List.of(flags));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(false)
            .start();
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread log =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  Matcher m = SERVING.matcher(line);
                  if (m.find()) {
                    address.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                // The server went away; the log is read to its end only to keep the pipe drained.
              }
              address.completeExceptionally(new IllegalStateException("the server exited"));
            },
            "spark-grpc-log");
    log.setDaemon(true);
    log.start();
    SparkServer server;
    try {
      server = new SparkServer(process, address.get(30, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("spark-grpc did not log its address", e);
    }
    server.waitHealthy(credentials == null ? InsecureChannelCredentials.create() : credentials);
    return server;
  }

  private void waitHealthy(ChannelCredentials credentials) throws InterruptedException {
    ManagedChannel channel = Grpc.newChannelBuilder(address, credentials).build();
    try {
      HealthCheckResponse res =
          HealthGrpc.newBlockingStub(channel)
              .withWaitForReady()
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance());
      assertEquals(HealthCheckResponse.ServingStatus.SERVING, res.getStatus());
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The PEM files of tests/certificates.py (a CA, a server certificate for
   * 127.0.0.1, a client certificate), written by the project's Python helper.
   */
  record Pki(Path dir) {
    static Pki write(Path dir) throws IOException, InterruptedException {
      Path python = serverBin().resolveSibling("python");
      Process p =
          new ProcessBuilder(
                  python.toString(),
                  "-c",
                  "import pathlib, sys; from tests.certificates import write_test_pki;"
                      + " write_test_pki(pathlib.Path(sys.argv[1]))",
                  dir.toString())
              .directory(REPO.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        fail("writing test certificates failed:\n" + output);
      }
      return new Pki(dir);
    }

    Path path(String name) {
      return dir.resolve(name);
    }

    /** The server's flags for mutual TLS. */
    String[] mutualTlsFlags() {
      return new String[] {
        "--tls-cert", path("server.pem").toString(),
        "--tls-key", path("server-key.pem").toString(),
        "--tls-client-ca", path("ca.pem").toString(),
      };
    }
  }
}
