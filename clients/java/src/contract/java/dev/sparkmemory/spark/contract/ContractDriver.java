package dev.sparkmemory.spark.contract;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.sparkmemory.spark.SparkClient;
import dev.sparkmemory.spark.SparkClientBuilder;
import dev.sparkmemory.spark.SparkException;
import dev.sparkmemory.spark.v1.AckEventsRequest;
import dev.sparkmemory.spark.v1.AckEventsResponse;
import dev.sparkmemory.spark.v1.ConsolidateRequest;
import dev.sparkmemory.spark.v1.CountRequest;
import dev.sparkmemory.spark.v1.CountResponse;
import dev.sparkmemory.spark.v1.DeleteConsumerRequest;
import dev.sparkmemory.spark.v1.DeleteConsumerResponse;
import dev.sparkmemory.spark.v1.DeleteMemoryRequest;
import dev.sparkmemory.spark.v1.DeleteMemoryResponse;
import dev.sparkmemory.spark.v1.GetConsumerRequest;
import dev.sparkmemory.spark.v1.ListConsumersResponse;
import dev.sparkmemory.spark.v1.ListEventsRequest;
import dev.sparkmemory.spark.v1.ListEventsResponse;
import dev.sparkmemory.spark.v1.ListMemoriesRequest;
import dev.sparkmemory.spark.v1.ListMemoriesResponse;
import dev.sparkmemory.spark.v1.RecordEventRequest;
import dev.sparkmemory.spark.v1.RecordEventsRequest;
import dev.sparkmemory.spark.v1.RecordEventsResponse;
import dev.sparkmemory.spark.v1.StoreMemoryRequest;
import dev.sparkmemory.spark.v1.UpdateMemoryRequest;
import dev.sparkmemory.spark.v1.UpdateMemoryResponse;
import dev.sparkmemory.spark.v1.WatchMemoriesRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the contract suite's steps (tests/contract) through the Java client.
 *
 * <p>Usage: {@code ContractDriver HOST:PORT}. It reads one step a line on
 * stdin as JSON, runs it and writes one answer a line on stdout:
 * {@code {"response": ...}} in proto3 JSON, {@code {"error": {"code",
 * "message"}}} for a gRPC error, or {@code {"driver_error": ...}}.
 * tests/contract/README.md describes the steps. A token and TLS come from the
 * environment, as for the spark-grpc client commands: SPARK_TOKEN,
 * SPARK_GRPC_TLS_CA, SPARK_GRPC_TLS_CERT, SPARK_GRPC_TLS_KEY (PEM files).
 */
public final class ContractDriver {
  /** A unary step: a request in proto3 JSON in, a response message out. */
  private interface Call {
    Message run(JsonElement request) throws InvalidProtocolBufferException;
  }

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final long DEFAULT_TIMEOUT_MS = 10_000;

  private final SparkClient client;
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<String, DriverStream> streams = new HashMap<>();

  private ContractDriver(SparkClient client) {
    this.client = client;
    calls.put(
        "RecordEvent",
        r -> client.recordEvent(parse(r, RecordEventRequest.newBuilder()).build()));
    calls.put(
        "RecordEvents",
        r -> {
          RecordEventsRequest req = parse(r, RecordEventsRequest.newBuilder()).build();
          return RecordEventsResponse.newBuilder()
              .addAllEvents(
                  req.hasCondition()
                      ? client.recordEvents(req.getEventsList(), req.getCondition())
                      : client.recordEvents(req.getEventsList()))
              .build();
        });
    calls.put(
        "ListEvents",
        r ->
            ListEventsResponse.newBuilder()
                .addAllEvents(client.listEvents(parse(r, ListEventsRequest.newBuilder()).build()))
                .build());
    calls.put(
        "AckEvents",
        r -> {
          AckEventsRequest req = parse(r, AckEventsRequest.newBuilder()).build();
          return AckEventsResponse.newBuilder()
              .setConsumer(client.ackEvents(req.getConsumer(), req.getSequence()))
              .build();
        });
    calls.put(
        "GetConsumer",
        r -> client.getConsumer(parse(r, GetConsumerRequest.newBuilder()).getName()));
    calls.put(
        "ListConsumers",
        r -> ListConsumersResponse.newBuilder().addAllConsumers(client.listConsumers()).build());
    calls.put(
        "DeleteConsumer",
        r ->
            DeleteConsumerResponse.newBuilder()
                .setConsumer(
                    client.deleteConsumer(parse(r, DeleteConsumerRequest.newBuilder()).getName()))
                .build());
    calls.put(
        "StoreMemory",
        r -> client.storeMemory(parse(r, StoreMemoryRequest.newBuilder()).build()));
    calls.put(
        "ListMemories",
        r ->
            ListMemoriesResponse.newBuilder()
                .addAllMemories(
                    client.listMemories(parse(r, ListMemoriesRequest.newBuilder()).build()))
                .build());
    calls.put(
        "Count",
        r ->
            CountResponse.newBuilder()
                .setCount(client.count(parse(r, CountRequest.newBuilder()).build()))
                .build());
    calls.put(
        "Consolidate",
        r -> client.consolidate(parse(r, ConsolidateRequest.newBuilder()).build()));
    calls.put(
        "UpdateMemory",
        r ->
            UpdateMemoryResponse.newBuilder()
                .setMemory(
                    client.updateMemory(parse(r, UpdateMemoryRequest.newBuilder()).build()))
                .build());
    calls.put(
        "DeleteMemory",
        r ->
            DeleteMemoryResponse.newBuilder()
                .setMemory(
                    client.deleteMemory(parse(r, DeleteMemoryRequest.newBuilder()).getId()))
                .build());
  }

  /** Reads a request given as proto3 JSON (absent: the empty request) into builder. */
  static <B extends Message.Builder> B parse(JsonElement request, B builder)
      throws InvalidProtocolBufferException {
    if (request != null && !request.isJsonNull()) {
      PARSER.merge(GSON.toJson(request), builder);
    }
    return builder;
  }

  /** A message as a JSON tree, written in proto3 JSON. */
  static JsonElement json(Message message) {
    try {
      return JsonParser.parseString(PRINTER.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot write a response as JSON", e);
    }
  }

  /** Runs one step and returns the response (JSON), or throws. */
  private JsonElement run(JsonObject step) throws InvalidProtocolBufferException {
    String op = string(step, "op");
    long timeoutMs = step.has("timeout_ms") ? step.get("timeout_ms").getAsLong() : 0;
    if (timeoutMs <= 0) {
      timeoutMs = DEFAULT_TIMEOUT_MS;
    }
    JsonElement request = step.get("request");
    switch (op) {
      case "call" -> {
        Call call = calls.get(string(step, "rpc"));
        if (call == null) {
          throw new IllegalArgumentException("unknown rpc \"" + string(step, "rpc") + "\"");
        }
        return json(call.run(request));
      }
      case "open" -> {
        String name = string(step, "stream");
        DriverStream opened = open(string(step, "rpc"), request);
        DriverStream previous = streams.put(name, opened);
        if (previous != null) {
          previous.close();
        }
        return opened.readUntil(0, DriverStream.Until.CAUGHT_UP, timeoutMs);
      }
      case "next", "end", "close" -> {
        String name = string(step, "stream");
        DriverStream stream = streams.get(name);
        if (stream == null) {
          throw new IllegalArgumentException("no open stream \"" + name + "\"");
        }
        if (op.equals("close")) {
          stream.close();
          streams.remove(name);
          return new JsonObject();
        }
        if (op.equals("end")) {
          return stream.readUntil(0, DriverStream.Until.END, timeoutMs);
        }
        int count = step.has("count") ? Math.max(1, step.get("count").getAsInt()) : 1;
        return stream.readUntil(count, DriverStream.Until.COUNT, timeoutMs);
      }
      default -> throw new IllegalArgumentException("unknown op \"" + op + "\"");
    }
  }

  private DriverStream open(String rpc, JsonElement request)
      throws InvalidProtocolBufferException {
    switch (rpc) {
      case "ListEvents" -> {
        ListEventsRequest req = parse(request, ListEventsRequest.newBuilder()).build();
        if (req.getFollow() && !req.getConsumer().isEmpty()) {
          return DriverStream.of(client.follow(req.getConsumer(), req));
        }
        if (req.getFollow()) {
          return DriverStream.of(client.follow(req));
        }
        return DriverStream.ofList(() -> client.listEvents(req));
      }
      case "WatchMemories" -> {
        WatchMemoriesRequest req = parse(request, WatchMemoriesRequest.newBuilder()).build();
        return DriverStream.of(client.watchMemories(req));
      }
      default -> throw new IllegalArgumentException("cannot open a stream of \"" + rpc + "\"");
    }
  }

  /** One answer line for one step line. */
  private JsonObject answer(String line) {
    JsonObject answer = new JsonObject();
    try {
      JsonObject step = JsonParser.parseString(line).getAsJsonObject();
      answer.add("response", run(step));
    } catch (SparkException e) {
      JsonObject error = new JsonObject();
      error.addProperty("code", e.code().value());
      error.addProperty("message", e.statusMessage());
      answer.add("error", error);
    } catch (RuntimeException | InvalidProtocolBufferException e) {
      answer.addProperty("driver_error", String.valueOf(e));
    }
    return answer;
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    if (value == null || value.isJsonNull()) {
      throw new IllegalArgumentException("the step has no \"" + key + "\"");
    }
    return value.getAsString();
  }

  /** The client, with the token and TLS settings of the environment. */
  private static SparkClient connect(String target) {
    SparkClientBuilder builder = SparkClient.builder().target(target);
    String token = System.getenv("SPARK_TOKEN");
    if (token != null && !token.isEmpty()) {
      builder.token(token);
    }
    Path ca = envPath("SPARK_GRPC_TLS_CA");
    Path cert = envPath("SPARK_GRPC_TLS_CERT");
    Path key = envPath("SPARK_GRPC_TLS_KEY");
    if (ca != null || cert != null) {
      builder.tls(ca, cert, key);
    }
    return builder.build();
  }

  private static Path envPath(String name) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? null : Path.of(value);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ContractDriver HOST:PORT");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (SparkClient client = connect(args[0]);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      ContractDriver driver = new ContractDriver(client);
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject answer;
        try {
          answer = driver.answer(line);
        } catch (JsonParseException | IllegalStateException e) {
          answer = new JsonObject();
          answer.addProperty("driver_error", String.valueOf(e));
        }
        out.println(GSON.toJson(answer));
        out.flush();
      }
      driver.streams.values().forEach(DriverStream::close);
    }
  }
}
