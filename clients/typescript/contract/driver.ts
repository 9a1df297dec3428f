// Contract driver for the TypeScript client (tests/contract).
//
// Usage: node --import tsx contract/driver.ts HOST:PORT. Reads one step a line
// on stdin as JSON, runs it through SparkClient and writes one answer a line
// on stdout: {"response": ...} in proto3 JSON, {"error": {"code", "message"}}
// for a gRPC error, or {"driver_error": ...}. tests/contract/README.md
// describes the steps. A token and TLS come from the environment, as for the
// spark-grpc client commands: SPARK_TOKEN, SPARK_GRPC_TLS_CA,
// SPARK_GRPC_TLS_CERT, SPARK_GRPC_TLS_KEY (PEM files).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

import {
  create,
  fromJson,
  toJson,
  type DescMessage,
  type JsonObject,
  type JsonValue,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";

import {
  AckEventsRequestSchema,
  AckEventsResponseSchema,
  ConsolidateRequestSchema,
  ConsolidateResponseSchema,
  CountRequestSchema,
  ConsumerSchema,
  CountResponseSchema,
  DeleteConsumerRequestSchema,
  DeleteConsumerResponseSchema,
  DeleteMemoryRequestSchema,
  DeleteMemoryResponseSchema,
  EventSchema,
  GetConsumerRequestSchema,
  ListConsumersRequestSchema,
  ListConsumersResponseSchema,
  ListEventsRequestSchema,
  ListEventsResponseSchema,
  ListMemoriesRequestSchema,
  ListMemoriesResponseSchema,
  RecordEventRequestSchema,
  RecordEventResponseSchema,
  RecordEventsRequestSchema,
  RecordEventsResponseSchema,
  SparkClient,
  type SparkClientOptions,
  StoreMemoryRequestSchema,
  StoreMemoryResponseSchema,
  UpdateMemoryRequestSchema,
  UpdateMemoryResponseSchema,
  WatchMemoriesRequestSchema,
  WatchMemoriesResponseSchema,
} from "../src/index.js";

interface Step {
  op: "call" | "open" | "next" | "end" | "close";
  rpc?: string;
  request?: JsonObject;
  stream?: string;
  count?: number;
  timeout_ms?: number;
}

interface StreamRead {
  items: JsonValue[];
  caught_up: boolean;
  ended: boolean;
  timed_out: boolean;
}

/** Parses a request, runs it through the client, returns the response as JSON. */
function call<Req extends DescMessage, Res extends DescMessage>(
  request: Req,
  response: Res,
  run: (req: MessageShape<Req>) => Promise<MessageInitShape<Res>>,
) {
  return async (json: JsonObject): Promise<JsonValue> =>
    toJson(response, create(response, await run(fromJson(request, json))));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function calls(spark: SparkClient): Record<string, (json: JsonObject) => Promise<JsonValue>> {
  return {
    RecordEvent: call(RecordEventRequestSchema, RecordEventResponseSchema, (r) => spark.recordEvent(r)),
    RecordEvents: call(RecordEventsRequestSchema, RecordEventsResponseSchema, async (r) => ({
      events: await spark.recordEvents(r.events, { condition: r.condition }),
    })),
    ListEvents: call(ListEventsRequestSchema, ListEventsResponseSchema, async (r) => ({
      events: await collect(spark.listEvents(r)),
    })),
    StoreMemory: call(StoreMemoryRequestSchema, StoreMemoryResponseSchema, (r) => spark.storeMemory(r)),
    ListMemories: call(ListMemoriesRequestSchema, ListMemoriesResponseSchema, async (r) => ({
      memories: await spark.listMemories(r),
    })),
    Count: call(CountRequestSchema, CountResponseSchema, async (r) => ({
      count: BigInt(await spark.count(r)),
    })),
    Consolidate: call(ConsolidateRequestSchema, ConsolidateResponseSchema, (r) => spark.consolidate(r)),
    UpdateMemory: call(UpdateMemoryRequestSchema, UpdateMemoryResponseSchema, async (r) => ({
      memory: await spark.updateMemory(r),
    })),
    DeleteMemory: call(DeleteMemoryRequestSchema, DeleteMemoryResponseSchema, async (r) => ({
      memory: await spark.deleteMemory(r.id),
    })),
    AckEvents: call(AckEventsRequestSchema, AckEventsResponseSchema, async (r) => ({
      consumer: await spark.ackEvents(r.consumer, r.sequence),
    })),
    GetConsumer: call(GetConsumerRequestSchema, ConsumerSchema, (r) => spark.getConsumer(r.name)),
    ListConsumers: call(ListConsumersRequestSchema, ListConsumersResponseSchema, async () => ({
      consumers: await spark.listConsumers(),
    })),
    DeleteConsumer: call(DeleteConsumerRequestSchema, DeleteConsumerResponseSchema, async (r) => ({
      consumer: await spark.deleteConsumer(r.name),
    })),
  };
}

type Entry = { kind: "item"; item: JsonValue } | { kind: "caught_up" } | { kind: "end" } | { kind: "error"; error: unknown };

/** An open stream, read in the background into a queue of entries. */
class Stream {
  private readonly entries: Entry[] = [];
  private wake: (() => void) | undefined;
  private readonly abort = new AbortController();

  constructor(spark: SparkClient, rpc: string, request: JsonObject) {
    const signal = this.abort.signal;
    const caughtUp = () => this.push({ kind: "caught_up" });
    let items: AsyncIterable<JsonValue>;
    if (rpc === "ListEvents") {
      const req = fromJson(ListEventsRequestSchema, request);
      const events = req.follow ? spark.followEvents(req, { signal, onCaughtUp: caughtUp }) : spark.listEvents(req, { signal });
      items = mapped(events, (e) => toJson(EventSchema, e));
    } else if (rpc === "WatchMemories") {
      const changes = spark.watchMemories(fromJson(WatchMemoriesRequestSchema, request), { signal, onCaughtUp: caughtUp });
      items = mapped(changes, (c) => (c.memory ? toJson(WatchMemoriesResponseSchema, c) : undefined));
    } else {
      throw new Error(`cannot open a stream of ${rpc}`);
    }
    void this.read(items);
  }

  private async read(items: AsyncIterable<JsonValue>) {
    try {
      for await (const item of items) this.push({ kind: "item", item });
      this.push({ kind: "end" });
    } catch (error) {
      this.push({ kind: "error", error });
    }
  }

  private push(entry: Entry) {
    this.entries.push(entry);
    this.wake?.();
  }

  private async take(deadline: number): Promise<Entry | undefined> {
    while (this.entries.length === 0) {
      const wait = deadline - Date.now();
      if (wait <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.entries.shift();
  }

  /** Items until `count`, the `until` marker, the end of the stream or the timeout. */
  async readUntil(count: number | undefined, until: "caught_up" | "end" | "", timeoutMs: number): Promise<StreamRead> {
    const result: StreamRead = { items: [], caught_up: false, ended: false, timed_out: false };
    const deadline = Date.now() + timeoutMs;
    while (count === undefined || result.items.length < count) {
      const entry = await this.take(deadline);
      if (entry === undefined) {
        result.timed_out = true;
        break;
      }
      if (entry.kind === "item") result.items.push(entry.item);
      else if (entry.kind === "error") throw entry.error;
      else if (entry.kind === "end") {
        result.ended = true;
        break;
      } else {
        result.caught_up = true;
        if (until === "caught_up") break;
      }
    }
    return result;
  }

  close() {
    this.abort.abort();
  }
}

async function* mapped<T>(items: AsyncIterable<T>, map: (item: T) => JsonValue | undefined): AsyncGenerator<JsonValue> {
  for await (const item of items) {
    const value = map(item);
    if (value !== undefined) yield value;
  }
}

async function run(step: Step, spark: SparkClient, streams: Map<string, Stream>): Promise<JsonValue> {
  const timeoutMs = step.timeout_ms ?? 10_000;
  switch (step.op) {
    case "call": {
      const handler = calls(spark)[step.rpc ?? ""];
      if (!handler) throw new Error(`unknown rpc ${step.rpc}`);
      return handler(step.request ?? {});
    }
    case "open": {
      const stream = new Stream(spark, step.rpc ?? "", step.request ?? {});
      streams.set(step.stream!, stream);
      return { ...(await stream.readUntil(undefined, "caught_up", timeoutMs)) };
    }
    case "next":
      return { ...(await stream(streams, step).readUntil(step.count ?? 1, "", timeoutMs)) };
    case "end":
      return { ...(await stream(streams, step).readUntil(undefined, "end", timeoutMs)) };
    case "close":
      stream(streams, step).close();
      streams.delete(step.stream!);
      return {};
  }
  throw new Error(`unknown op ${String((step as { op: unknown }).op)}`);
}

function stream(streams: Map<string, Stream>, step: Step): Stream {
  const found = streams.get(step.stream ?? "");
  if (!found) throw new Error(`no open stream ${step.stream}`);
  return found;
}

/** The client's token and TLS settings from the environment. */
function clientOptions(): SparkClientOptions {
  const pem = (variable: string) => {
    const path = process.env[variable];
    return path ? readFileSync(path) : undefined;
  };
  const tls = { ca: pem("SPARK_GRPC_TLS_CA"), cert: pem("SPARK_GRPC_TLS_CERT"), key: pem("SPARK_GRPC_TLS_KEY") };
  return {
    token: process.env.SPARK_TOKEN || undefined,
    tls: tls.ca || tls.cert ? tls : undefined,
  };
}

async function main() {
  const address = process.argv[2];
  if (!address) throw new Error("usage: driver.ts HOST:PORT");
  const spark = new SparkClient(address, clientOptions());
  const streams = new Map<string, Stream>();
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let answer: JsonValue;
    try {
      answer = { response: await run(JSON.parse(line) as Step, spark, streams) };
    } catch (error) {
      answer =
        error instanceof ConnectError
          ? { error: { code: error.code, message: error.rawMessage } }
          : { driver_error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
  for (const open of streams.values()) open.close();
  spark.close();
}

await main();
