// Starts the real server for the tests: `spark-grpc serve` on a fresh
// database and a free port, ready once its gRPC health check says SERVING.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { create, createFileRegistry } from "@bufbuild/protobuf";
import { FieldDescriptorProto_Type, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../..");

/** The server to run: SPARK_GRPC_BIN, or the one `make setup` installs. */
export const serverBin = process.env.SPARK_GRPC_BIN ?? join(repoRoot, ".venv/bin/spark-grpc");

/**
 * Why the tests cannot run here, or undefined. A missing server skips the
 * tests locally; in CI (CI=true) the caller fails instead.
 */
export function missingServer(): string | undefined {
  if (existsSync(serverBin)) return undefined;
  const reason = `no spark-grpc server at ${serverBin}: run \`make setup\``;
  if (process.env.CI === "true") throw new Error(reason);
  return reason;
}

// grpc.health.v1, described by hand: the package generates only spark.v1.
const healthFile = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "grpc/health/v1/health.proto",
    package: "grpc.health.v1",
    syntax: "proto3",
    messageType: [
      { name: "HealthCheckRequest", field: [{ name: "service", number: 1, type: FieldDescriptorProto_Type.STRING }] },
      {
        name: "HealthCheckResponse",
        field: [
          {
            name: "status",
            number: 1,
            type: FieldDescriptorProto_Type.ENUM,
            typeName: ".grpc.health.v1.HealthCheckResponse.ServingStatus",
          },
        ],
        enumType: [
          {
            name: "ServingStatus",
            value: [
              { name: "UNKNOWN", number: 0 },
              { name: "SERVING", number: 1 },
              { name: "NOT_SERVING", number: 2 },
              { name: "SERVICE_UNKNOWN", number: 3 },
            ],
          },
        ],
      },
    ],
    service: [
      {
        name: "Health",
        method: [
          { name: "Check", inputType: ".grpc.health.v1.HealthCheckRequest", outputType: ".grpc.health.v1.HealthCheckResponse" },
        ],
      },
    ],
  }),
  () => undefined,
);
const Health = healthFile.getService("grpc.health.v1.Health")!;
const SERVING = 1;

export interface RunningServer {
  address: string;
  stop(): Promise<void>;
}

/** Starts a server and resolves once it answers its health check. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "spark-ts-"));
  const child = spawn(serverBin, ["serve", "--db", join(dir, "spark.db"), "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await servingAddress(child, exited);
    await checkHealth(address);
    return { address, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Reads the server's log until it names the address it bound. */
async function servingAddress(child: ChildProcess, exited: Promise<void>): Promise<string> {
  const lines = createInterface({ input: child.stderr! });
  const log: string[] = [];
  const found = new Promise<string>((resolveAddress, reject) => {
    lines.on("line", (line) => {
      log.push(line);
      const match = /spark-grpc serving on (\S+)/.exec(line);
      if (match) resolveAddress(match[1]!);
    });
    void exited.then(() => reject(new Error(`spark-grpc exited before serving:\n${log.join("\n")}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("spark-grpc did not log its address within 30s")), 30_000);
  });
  try {
    return await Promise.race([found, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkHealth(address: string): Promise<void> {
  // The descriptor is built at run time, so the client has no static type.
  const health = createClient(Health, createGrpcTransport({ baseUrl: `http://${address}` })) as unknown as {
    check(request: object, options: { timeoutMs: number }): Promise<{ status: number }>;
  };
  const res = await health.check({}, { timeoutMs: 30_000 });
  if (res.status !== SERVING) {
    throw new ConnectError(`spark-grpc at ${address} is not serving`, Code.Unavailable);
  }
}
