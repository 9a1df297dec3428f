import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { Code, ConnectError, SparkClient, type SparkClientOptions } from "../src/index.js";
import { missingServer, startServer, writeTestPki, writeTokens, type RunningServer } from "./server.js";

describe("SparkClient with a token over mutual TLS", { skip: missingServer() }, () => {
  const tokens = { admin: "admin-token-0123456789", read: "read-token-0123456789" };
  let server: RunningServer;
  let pki: ReturnType<typeof writeTestPki>;
  const clients: SparkClient[] = [];
  const connect = (options: SparkClientOptions) => {
    const client = new SparkClient(server.address, { tls: pki.clientTls, ...options });
    clients.push(client);
    return client;
  };
  before(async () => {
    pki = writeTestPki();
    server = await startServer({
      tls: pki.clientTls,
      flags: [
        "--tokens-file",
        writeTokens(tokens),
        "--tls-cert",
        pki.path("server.pem"),
        "--tls-key",
        pki.path("server-key.pem"),
        "--tls-client-ca",
        pki.path("ca.pem"),
      ],
    });
  });
  after(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  async function rejectsWith(call: Promise<unknown>, code: Code) {
    await assert.rejects(call, (err: unknown) => err instanceof ConnectError && err.code === code);
  }

  it("calls with the token's role", async () => {
    const admin = connect({ token: tokens.admin });
    await admin.recordEvent({ eventType: "task_posted" });
    const reader = connect({ token: tokens.read });
    assert.equal(await reader.count({ target: "events" }), 1);
    await rejectsWith(reader.recordEvent({ eventType: "task_posted" }), Code.PermissionDenied);
  });

  it("is refused without a token", async () => {
    await rejectsWith(connect({}).count({ target: "events" }), Code.Unauthenticated);
  });

  it("cannot talk to a TLS server in plaintext", async () => {
    const plain = new SparkClient(server.address, { token: tokens.admin, timeoutMs: 5_000 });
    clients.push(plain);
    await assert.rejects(plain.count({ target: "events" }), ConnectError);
  });
});
