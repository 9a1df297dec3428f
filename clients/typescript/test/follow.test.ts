import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MemoryChangeKind, SparkClient, type Event } from "../src/index.js";
import { clientForSuite, missingServer } from "./server.js";

/** Resolves when the stream catches up; rejects if the loop fails or ends first. */
function caughtUp(): { fire: () => void; reached: (loop: Promise<void>) => Promise<void> } {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  const reached = (loop: Promise<void>) =>
    Promise.race([fired, loop.then(() => assert.fail("the stream ended before catching up"))]);
  return { fire, reached };
}

describe("SparkClient streams", { skip: missingServer() }, () => {
  let spark: SparkClient;
  clientForSuite((client) => (spark = client));

  it("follows history then live events until aborted, and resumes after a sequence", async () => {
    const first = await spark.recordEvent({ eventType: "task_posted", agentId: "follower" });
    const abort = new AbortController();
    const ready = caughtUp();
    const seen: Event[] = [];
    const following = (async () => {
      for await (const event of spark.followEvents(
        { agentId: "follower" },
        { signal: abort.signal, onCaughtUp: ready.fire },
      )) {
        seen.push(event);
        if (seen.length === 2) abort.abort();
      }
    })();
    await ready.reached(following);
    assert.deepEqual(seen.map((e) => e.id), [first.event!.id]);
    await spark.recordEvent({ eventType: "task_posted", agentId: "someone-else" });
    const live = await spark.recordEvent({ eventType: "task_completed", agentId: "follower" });
    await following; // ends quietly once aborted
    assert.deepEqual(seen.map((e) => e.id), [first.event!.id, live.event!.id]);

    const resumed = [];
    for await (const event of spark.followEvents({ agentId: "follower", afterSequence: first.event!.sequence, limit: 1 })) {
      resumed.push(event.id);
    }
    assert.deepEqual(resumed, [live.event!.id]);
  });

  it("ends a plain listing quietly when aborted", async () => {
    await spark.recordEvents([{ eventType: "a" }, { eventType: "b" }]);
    const abort = new AbortController();
    abort.abort();
    const got = [];
    for await (const event of spark.listEvents({}, { signal: abort.signal })) got.push(event);
    assert.deepEqual(got, []);
  });

  it("watches memory changes", async () => {
    const abort = new AbortController();
    const ready = caughtUp();
    const kinds: MemoryChangeKind[] = [];
    const watching = (async () => {
      for await (const change of spark.watchMemories(
        { subject: "watched" },
        { signal: abort.signal, onCaughtUp: ready.fire },
      )) {
        if (change.caughtUp) continue;
        kinds.push(change.kind);
        if (kinds.length === 3) abort.abort();
      }
    })();
    await ready.reached(watching);
    await spark.storeMemory({ memoryType: "insight", subject: "elsewhere", content: "not watched" });
    await spark.storeMemory({ memoryType: "insight", subject: "watched", content: "watched", id: "w-1" });
    await spark.updateMemory({ id: "w-1", content: "changed" });
    await spark.deleteMemory("w-1");
    await watching;
    assert.deepEqual(kinds, [MemoryChangeKind.CREATED, MemoryChangeKind.UPDATED, MemoryChangeKind.DELETED]);
  });
});
