import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Code, ConnectError, SparkClient } from "../src/index.js";
import { clientForSuite, missingServer } from "./server.js";

describe("SparkClient coordination", { skip: missingServer() }, () => {
  let spark: SparkClient;
  clientForSuite((client) => (spark = client));

  it("appends with a condition, and a failed one names the conflicting sequence", async () => {
    const taskId = "ts-coord-t1";
    const condition = { eventType: "task_assigned", taskId };
    const won = await spark.recordEvent({ eventType: "task_assigned", taskId, agentId: "a", condition });
    await assert.rejects(
      spark.recordEvent({ eventType: "task_assigned", taskId, agentId: "b", condition }),
      (err: unknown) => {
        assert.ok(err instanceof ConnectError);
        assert.equal(err.code, Code.FailedPrecondition);
        assert.match(err.rawMessage, new RegExp(`event ${won.event!.sequence} matches`));
        return true;
      },
    );
    await assert.rejects(
      spark.recordEvents([{ eventType: "task_assigned", taskId }], { condition }),
      (err: unknown) => err instanceof ConnectError && err.code === Code.FailedPrecondition,
    );
  });

  it("follows as a durable consumer, acknowledging what it handled", async () => {
    const taskId = "ts-consumer";
    const recorded = [];
    for (let n = 0; n < 3; n++) recorded.push((await spark.recordEvent({ eventType: "ts_note", taskId })).event!);
    const abort = new AbortController();
    const seen = [];
    for await (const event of spark.followEvents(
      { consumer: "ts-consumer", eventType: "ts_note" },
      { signal: abort.signal, autoAck: true },
    )) {
      seen.push(event.sequence);
      if (seen.length === 2) break;
    }
    // The first was acknowledged when the second was asked for.
    const consumer = await spark.getConsumer("ts-consumer");
    assert.equal(consumer.ackedSequence, recorded[0]!.sequence);
    assert.equal(consumer.lag, 2n);
    await spark.ackEvents("ts-consumer", recorded[1]!.sequence);
    for await (const event of spark.followEvents({ consumer: "ts-consumer", eventType: "ts_note" })) {
      assert.equal(event.sequence, recorded[2]!.sequence);
      break;
    }
    assert.ok((await spark.listConsumers()).some((c) => c.name === "ts-consumer"));
    assert.equal((await spark.deleteConsumer("ts-consumer")).name, "ts-consumer");
  });
});
