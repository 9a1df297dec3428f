import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Code, ConnectError, CountTarget, Order, SparkClient, eventData } from "../src/index.js";
import { clientForSuite, missingServer } from "./server.js";

describe("SparkClient unary calls", { skip: missingServer() }, () => {
  let spark: SparkClient;
  clientForSuite((client) => (spark = client));

  async function rejectsWith(call: Promise<unknown>, code: Code, field?: string) {
    await assert.rejects(call, (err: unknown) => {
      assert.ok(err instanceof ConnectError, `not a ConnectError: ${String(err)}`);
      assert.equal(err.code, code, err.message);
      if (field) assert.match(err.rawMessage, new RegExp(field));
      return true;
    });
  }

  it("records an event with data given as an object, and a retry is a duplicate", async () => {
    const event = {
      eventType: "task_posted",
      agentId: "ts-agent-1",
      data: { bid_sats: 5, note: "ünïcode \"quoted\"" },
      id: "ts-evt-1",
    };
    const first = await spark.recordEvent(event);
    assert.equal(first.duplicate, false);
    assert.equal(first.event?.id, "ts-evt-1");
    assert.deepEqual(eventData(first.event!), event.data);
    assert.ok(first.event!.sequence > 0n);

    const retry = await spark.recordEvent({ ...event, data: JSON.stringify(event.data) });
    assert.equal(retry.duplicate, true);
    assert.equal(retry.event?.sequence, first.event!.sequence);

    await rejectsWith(spark.recordEvent({ ...event, description: "other" }), Code.AlreadyExists);
  });

  it("records a batch in order and lists it back", async () => {
    const events = await spark.recordEvents([
      { eventType: "bid_submitted", agentId: "ts-agent-2", importance: 0.25 },
      { eventType: "task_assigned", agentId: "ts-agent-2" },
    ]);
    assert.deepEqual(events.map((e) => e.eventType), ["bid_submitted", "task_assigned"]);
    assert.ok(events[0]!.sequence < events[1]!.sequence);

    const listed = [];
    for await (const event of spark.listEvents({ agentId: "ts-agent-2", order: Order.OLDEST_FIRST })) listed.push(event);
    assert.deepEqual(listed.map((e) => e.id), events.map((e) => e.id));

    const newest = [];
    for await (const event of spark.listEvents({ agentId: "ts-agent-2", limit: 1 })) newest.push(event);
    assert.deepEqual(newest.map((e) => e.id), [events[1]!.id]);

    const since = [];
    for await (const event of spark.listEvents({ agentId: "ts-agent-2", since: new Date(Date.now() - 60_000) })) {
      since.push(event);
    }
    assert.equal(since.length, 2);
  });

  it("surfaces bad requests as ConnectError with the gRPC code, storing nothing", async () => {
    const before = await spark.count({ target: "events" });
    await rejectsWith(spark.recordEvent({ eventType: "x", importance: 1.5 }), Code.InvalidArgument, "importance");
    await rejectsWith(spark.recordEvent({ eventType: "x", data: "[1, 2]" }), Code.InvalidArgument, "data");
    await rejectsWith(
      spark.recordEvents([{ eventType: "ok" }, { eventType: "" }]),
      Code.InvalidArgument,
      "events\\[1\\]\\.event_type",
    );
    await rejectsWith(spark.count({ target: CountTarget.UNSPECIFIED }), Code.InvalidArgument);
    await rejectsWith(
      (async () => {
        for await (const _ of spark.listEvents({ limit: -1 })) void _;
      })(),
      Code.InvalidArgument,
      "limit",
    );
    assert.equal(await spark.count({ target: "events" }), before);
  });

  it("stores, lists, counts, updates and deletes memories", async () => {
    const stored = await spark.storeMemory({ memoryType: "insight", content: "ts wins bids", id: "ts-m-1", sourceEvents: 3 });
    assert.equal(stored.memory?.subject, "system");
    assert.equal(stored.memory?.confidence, 0.5);
    await spark.storeMemory({ memoryType: "insight", subject: "ts", content: "old", expiresAt: new Date("2000-01-01T00:00:00Z") });

    const live = await spark.listMemories({ memoryType: "insight" });
    assert.deepEqual(live.map((m) => m.id), ["ts-m-1"]);
    assert.equal(await spark.count({ target: "memories", type: "insight" }), 1);
    assert.equal(await spark.count({ target: "memories", type: "insight", includeExpired: true }), 2);

    const updated = await spark.updateMemory({ id: "ts-m-1", confidence: 0.9, expiresAt: new Date("2999-01-01T00:00:00Z") });
    assert.equal(updated.confidence, 0.9);
    assert.equal(updated.content, "ts wins bids");
    assert.ok(updated.expiresAt);

    const deleted = await spark.deleteMemory("ts-m-1");
    assert.equal(deleted.id, "ts-m-1");
    await rejectsWith(spark.deleteMemory("ts-m-1"), Code.NotFound);
  });

  it("runs the consolidation rules", async () => {
    const res = await spark.consolidate({ agentId: "ts-agent-2" });
    assert.ok(Array.isArray(res.created));
  });

  it("fails with Unavailable when nothing listens", async () => {
    const nowhere = new SparkClient("127.0.0.1:1", { timeoutMs: 5_000 });
    try {
      await rejectsWith(nowhere.count({ target: "events" }), Code.Unavailable);
    } finally {
      nowhere.close();
    }
  });
});
