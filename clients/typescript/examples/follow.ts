// Records an event, then follows the log until interrupted.
//   node --import tsx examples/follow.ts 127.0.0.1:50051
// In your own project, import from "@spark-memory/client" instead.
import { ConnectError, SparkClient, eventData } from "../src/index.js";

const spark = new SparkClient(process.argv[2] ?? "127.0.0.1:50051"); // { token, tls } as needed
const stop = new AbortController();
process.once("SIGINT", () => stop.abort());

try {
  const { event } = await spark.recordEvent({
    eventType: "task_posted",
    agentId: "agent-ts",
    taskId: "task-42",
    description: "Summarise the swarm's day",
    data: { bid_sats: 90 },
  });
  console.log(`recorded #${event?.sequence} ${event?.id} (importance ${event?.importance})`);

  // The history oldest first, then each new event as it is committed, until Ctrl-C.
  for await (const e of spark.followEvents(
    {},
    { signal: stop.signal, onCaughtUp: () => console.log("-- caught up; waiting for new events (Ctrl-C to stop)") },
  )) {
    console.log(`#${e.sequence} ${e.eventType} agent=${e.agentId ?? "-"}`, eventData(e));
  }
} catch (err) {
  // Every failed call is a ConnectError carrying the gRPC status code.
  if (err instanceof ConnectError) console.error(`failed: ${err.code} ${err.rawMessage}`);
  else throw err;
  process.exitCode = 1;
} finally {
  spark.close();
}
