// SparkClient: a small idiomatic layer over the generated spark.v1 stubs and
// Connect's gRPC transport for Node (createGrpcTransport speaks HTTP/2 gRPC,
// which is what the grpcio server understands).
import { create, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import type * as http2 from "node:http2";

import {
  AppendConditionSchema,
  ConsolidateRequestSchema,
  CountTarget,
  ListEventsRequestSchema,
  ListMemoriesRequestSchema,
  RecordEventRequestSchema,
  SparkService,
  StoreMemoryRequestSchema,
  UpdateMemoryRequestSchema,
  WatchMemoriesRequestSchema,
  type ConsolidateResponse,
  type Consumer,
  type Event,
  type ListEventsResponse,
  type Memory,
  type RecordEventResponse,
  type WatchMemoriesResponse,
} from "./gen/spark/v1/spark_pb.js";

/** A point in time: a Date or a google.protobuf.Timestamp. */
export type TimeInput = Date | Timestamp;

/** An event's or request's `data`: a plain object, or JSON text. */
export type DataInput = JsonObject | string;

type Init<T> = Omit<T, "$typeName" | "$unknown">;

/** One event to record; `eventType` is required. */
export type EventInput = Omit<Init<MessageInitShape<typeof RecordEventRequestSchema>>, "data" | "condition"> & {
  eventType: string;
  data?: DataInput;
  /** Only in recordEvent; a batch takes one condition for all its events. */
  condition?: AppendConditionInput;
};

/**
 * An append's condition: the append fails (FAILED_PRECONDITION, with the
 * newest matching event's sequence) when an event matching these filters has
 * a sequence above `afterSequence` (0: when any does).
 */
export type AppendConditionInput = Omit<Init<MessageInitShape<typeof AppendConditionSchema>>, "afterSequence"> & {
  afterSequence?: bigint | number;
};

/** The filters of ListEvents; every field is optional. */
export type EventFilter = Omit<
  Init<MessageInitShape<typeof ListEventsRequestSchema>>,
  "since" | "until" | "afterSequence" | "follow"
> & {
  since?: TimeInput;
  until?: TimeInput;
  afterSequence?: bigint | number;
};

/** One memory to store; `memoryType` and `content` are required. */
export type MemoryInput = Omit<
  Init<MessageInitShape<typeof StoreMemoryRequestSchema>>,
  "expiresAt" | "sourceEvents"
> & {
  memoryType: string;
  content: string;
  expiresAt?: TimeInput;
  sourceEvents?: bigint | number;
};

/** The filters of ListMemories. */
export type MemoryFilter = Init<MessageInitShape<typeof ListMemoriesRequestSchema>>;

/** What to change in a stored memory; absent fields keep their value. */
export type MemoryUpdate = Omit<Init<MessageInitShape<typeof UpdateMemoryRequestSchema>>, "expiresAt"> & {
  id: string;
  expiresAt?: TimeInput;
};

/** The filters of WatchMemories. */
export type WatchFilter = Init<MessageInitShape<typeof WatchMemoriesRequestSchema>>;

/** What Count counts. */
export interface CountQuery {
  target: CountTarget | "events" | "memories";
  /** Only this event_type or memory_type. */
  type?: string;
  /** With memories, also count the expired ones. */
  includeExpired?: boolean;
}

/** TLS settings; `true` means TLS with the system's root certificates. */
export interface TlsOptions {
  /** Root certificates (PEM) to trust instead of the system's. */
  ca?: string | Buffer;
  /** Client certificate and key (PEM), for mutual TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** The name to verify the server's certificate against. */
  servername?: string;
}

export interface SparkClientOptions {
  /** Sent as `authorization: Bearer <token>` with every call. */
  token?: string;
  /** Connect over TLS (https); plaintext HTTP/2 otherwise. */
  tls?: boolean | TlsOptions;
  /** Deadline of unary calls in milliseconds (default 10 000; 0: none). */
  timeoutMs?: number;
  /** More Connect interceptors, run after the token's. */
  interceptors?: Interceptor[];
}

/** Options of a single unary call. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Options of a streaming call. */
export interface StreamOptions {
  /** Aborting ends the iteration quietly and cancels the call. */
  signal?: AbortSignal;
  /** Called once when a follow has sent the matching history. */
  onCaughtUp?: () => void;
  /**
   * With a durable `consumer`: acknowledge the events handled so far before
   * waiting for more and when the iteration ends (an event counts as handled
   * once the next one is asked for).
   */
  autoAck?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function timestamp(value: TimeInput | undefined): Timestamp | undefined {
  return value instanceof Date ? timestampFromDate(value) : value;
}

function dataText(data: DataInput | undefined): string | undefined {
  return data === undefined || typeof data === "string" ? data : JSON.stringify(data);
}

function int64(value: bigint | number | undefined): bigint | undefined {
  return value === undefined ? undefined : BigInt(value);
}

function condition(value: AppendConditionInput | undefined) {
  return value === undefined
    ? undefined
    : create(AppendConditionSchema, { ...value, afterSequence: int64(value.afterSequence) });
}

function eventRequest(event: EventInput) {
  return create(RecordEventRequestSchema, {
    ...event,
    data: dataText(event.data),
    condition: condition(event.condition),
  });
}

/** Parses an event's `data` (JSON object text) into a plain object. */
export function eventData(event: Pick<Event, "data">): JsonObject {
  return event.data === "" ? {} : (JSON.parse(event.data) as JsonObject);
}

/**
 * A client of the Spark Memory service.
 *
 * ```ts
 * const spark = new SparkClient("127.0.0.1:50051");
 * await spark.recordEvent({ eventType: "task_posted", data: { bid_sats: 5 } });
 * for await (const event of spark.followEvents({}, { signal })) console.log(event);
 * spark.close();
 * ```
 *
 * Errors are ConnectError with the gRPC status in `code` (a Code).
 */
export class SparkClient {
  /** The generated client, for anything this wrapper leaves out. */
  readonly service: Client<typeof SparkService>;
  private readonly sessions: Http2SessionManager;
  private readonly timeoutMs: number;

  /** @param address "host:port", or a URL "http://host:port" / "https://host:port". */
  constructor(address: string, options: SparkClientOptions = {}) {
    const tls = options.tls === true ? {} : options.tls || undefined;
    const baseUrl = /^https?:\/\//.test(address) ? address : `${tls ? "https" : "http"}://${address}`;
    const nodeOptions: http2.SecureClientSessionOptions = tls ? { ...tls } : {};
    this.sessions = new Http2SessionManager(baseUrl, undefined, nodeOptions);
    const interceptors: Interceptor[] = [];
    if (options.token) {
      const authorization = `Bearer ${options.token}`;
      interceptors.push((next) => (req) => {
        req.header.set("authorization", authorization);
        return next(req);
      });
    }
    interceptors.push(...(options.interceptors ?? []));
    const transport = createGrpcTransport({ baseUrl, sessionManager: this.sessions, interceptors });
    this.service = createClient(SparkService, transport);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Closes the connection; calls in flight fail. */
  close(): void {
    this.sessions.abort();
  }

  private unary(options: CallOptions | undefined) {
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    return { signal: options?.signal, timeoutMs: timeoutMs > 0 ? timeoutMs : undefined };
  }

  /** Appends one event; with `id` the call is idempotent (`duplicate` on a retry). */
  recordEvent(event: EventInput, options?: CallOptions): Promise<RecordEventResponse> {
    return this.service.recordEvent(eventRequest(event), this.unary(options));
  }

  /**
   * Appends a batch atomically; returns the stored events in request order.
   * With `options.condition` the whole batch is appended only if it holds.
   */
  async recordEvents(
    events: EventInput[],
    options?: CallOptions & { condition?: AppendConditionInput },
  ): Promise<Event[]> {
    const request = { events: events.map(eventRequest), condition: condition(options?.condition) };
    const res = await this.service.recordEvents(request, this.unary(options));
    return res.events;
  }

  /**
   * The raw ListEvents stream: every message, including the one with
   * `caughtUp` set when following. Aborting `signal` ends it quietly.
   */
  async *listEventsStream(
    filter: EventFilter & { follow?: boolean } = {},
    options: CallOptions = {},
  ): AsyncGenerator<ListEventsResponse> {
    const request = create(ListEventsRequestSchema, {
      ...filter,
      since: timestamp(filter.since),
      until: timestamp(filter.until),
      afterSequence: int64(filter.afterSequence),
    });
    const stream = this.service.listEvents(request, { signal: options.signal, timeoutMs: options.timeoutMs });
    yield* quietOnAbort(stream, options.signal);
  }

  /**
   * The matching events (newest first unless `order` says otherwise), read
   * under the unary deadline (`timeoutMs`).
   */
  async *listEvents(filter: EventFilter = {}, options: CallOptions = {}): AsyncGenerator<Event> {
    for await (const msg of this.listEventsStream({ ...filter, follow: false }, this.unary(options))) {
      yield* msg.events;
    }
  }

  /**
   * The matching history oldest first, then each matching event as it is
   * committed, until `signal` aborts (the iteration then ends quietly), the
   * `limit` is reached, or the stream fails. Resume with `afterSequence`.
   */
  async *followEvents(filter: EventFilter = {}, options: StreamOptions = {}): AsyncGenerator<Event> {
    const consumer = options.autoAck ? filter.consumer : undefined;
    // An event is handled once the next one is asked for (the generator
    // resumes after its yield); handled events are acknowledged before
    // waiting for more, and when the iteration ends.
    let handled = 0n;
    let acked = 0n;
    const ack = async () => {
      if (consumer && handled > acked) {
        await this.ackEvents(consumer, handled);
        acked = handled;
      }
    };
    try {
      for await (const msg of this.listEventsStream({ ...filter, follow: true }, { signal: options.signal })) {
        for (const event of msg.events) {
          yield event;
          handled = event.sequence;
        }
        if (msg.caughtUp) options.onCaughtUp?.();
        await ack();
      }
    } finally {
      await ack();
    }
  }

  /** Moves a durable consumer's position forward; returns it with its lag. */
  async ackEvents(consumer: string, sequence: bigint | number, options?: CallOptions): Promise<Consumer> {
    const res = await this.service.ackEvents({ consumer, sequence: BigInt(sequence) }, this.unary(options));
    if (!res.consumer) throw new ConnectError("spark: the server answered without a consumer", Code.Internal);
    return res.consumer;
  }

  /** A durable consumer with its position and exact lag. */
  getConsumer(name: string, options?: CallOptions): Promise<Consumer> {
    return this.service.getConsumer({ name }, this.unary(options));
  }

  /** Every durable consumer, by name. */
  async listConsumers(options?: CallOptions): Promise<Consumer[]> {
    return (await this.service.listConsumers({}, this.unary(options))).consumers;
  }

  /** Forgets a durable consumer; returns it as it was. */
  async deleteConsumer(name: string, options?: CallOptions): Promise<Consumer> {
    const res = await this.service.deleteConsumer({ name }, this.unary(options));
    if (!res.consumer) throw new ConnectError("spark: the server answered without a consumer", Code.Internal);
    return res.consumer;
  }

  /** Stores one memory; with `id` the call is idempotent. */
  storeMemory(memory: MemoryInput, options?: CallOptions) {
    const request = create(StoreMemoryRequestSchema, {
      ...memory,
      expiresAt: timestamp(memory.expiresAt),
      sourceEvents: int64(memory.sourceEvents),
    });
    return this.service.storeMemory(request, this.unary(options));
  }

  /** The matching memories, newest first. */
  async listMemories(filter: MemoryFilter = {}, options?: CallOptions): Promise<Memory[]> {
    const res = await this.service.listMemories(filter, this.unary(options));
    return res.memories;
  }

  /** Counts events or (unexpired, unless includeExpired) memories. */
  async count(query: CountQuery, options?: CallOptions): Promise<number> {
    const target =
      query.target === "events"
        ? CountTarget.EVENTS
        : query.target === "memories"
          ? CountTarget.MEMORIES
          : query.target;
    const res = await this.service.count({ ...query, target }, this.unary(options));
    return Number(res.count);
  }

  /** Runs the consolidation rules now (for one agent, or all) and reports what changed. */
  consolidate(request: { agentId?: string } = {}, options?: CallOptions): Promise<ConsolidateResponse> {
    return this.service.consolidate(create(ConsolidateRequestSchema, request), this.unary(options));
  }

  /** Changes a memory's content, confidence or expiry; returns it as stored. */
  async updateMemory(update: MemoryUpdate, options?: CallOptions): Promise<Memory> {
    const request = create(UpdateMemoryRequestSchema, { ...update, expiresAt: timestamp(update.expiresAt) });
    const res = await this.service.updateMemory(request, this.unary(options));
    return requireMemory(res.memory);
  }

  /** Deletes a memory; returns it as it was. */
  async deleteMemory(id: string, options?: CallOptions): Promise<Memory> {
    const res = await this.service.deleteMemory({ id }, this.unary(options));
    return requireMemory(res.memory);
  }

  /**
   * Memory changes as they happen, including the message with `caughtUp`
   * set, until `signal` aborts (the iteration then ends quietly) or the
   * stream fails.
   */
  async *watchMemories(filter: WatchFilter = {}, options: StreamOptions = {}): AsyncGenerator<WatchMemoriesResponse> {
    const stream = this.service.watchMemories(filter, { signal: options.signal });
    for await (const msg of quietOnAbort(stream, options.signal)) {
      yield msg;
      if (msg.caughtUp) options.onCaughtUp?.();
    }
  }
}

function requireMemory(memory: Memory | undefined): Memory {
  if (!memory) throw new ConnectError("spark: the server answered without a memory", Code.Internal);
  return memory;
}

/** Ends a stream quietly once the caller's own signal has aborted. */
async function* quietOnAbort<T>(stream: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  }
}
