// Starts the real server for the tests: `spark-grpc serve` on a fresh
// database and a free port, ready once its gRPC health check says SERVING.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { create, createFileRegistry } from "@bufbuild/protobuf";
import { FieldDescriptorProto_Type, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

import { after, before } from "node:test";

import { SparkClient, type TlsOptions } from "../src/index.js";

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

export interface ServerOptions {
  /** More `spark-grpc serve` flags. */
  flags?: string[];
  /** How the health check connects, when the server serves TLS. */
  tls?: TlsOptions;
}

/** Starts a server and resolves once it answers its health check. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "spark-ts-"));
  const args = ["serve", "--db", join(dir, "spark.db"), "--listen", "127.0.0.1:0", ...(options.flags ?? [])];
  const child = spawn(serverBin, args, { stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await servingAddress(child, exited);
    await checkHealth(address, options.tls);
    return { address, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts a server before the enclosing suite's tests and hands a client on it
 * to `use`; closes the client and stops the server after them.
 */
export function clientForSuite(use: (spark: SparkClient) => void): void {
  let server: RunningServer | undefined;
  let spark: SparkClient | undefined;
  before(async () => {
    server = await startServer();
    spark = new SparkClient(server.address);
    use(spark);
  });
  after(async () => {
    spark?.close();
    await server?.stop();
  });
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

async function checkHealth(address: string, tls: TlsOptions | undefined): Promise<void> {
  const transport = createGrpcTransport({
    baseUrl: `${tls ? "https" : "http"}://${address}`,
    nodeOptions: tls ? { ...tls } : {},
  });
  // The descriptor is built at run time, so the client has no static type.
  const health = createClient(Health, transport) as unknown as {
    check(request: object, options: { timeoutMs: number }): Promise<{ status: number }>;
  };
  const res = await health.check({}, { timeoutMs: 30_000 });
  if (res.status !== SERVING) {
    throw new ConnectError(`spark-grpc at ${address} is not serving`, Code.Unavailable);
  }
}

/** A directory that is removed when the process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "spark-ts-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Throwaway certificates from the project's Python helper
 * (tests/certificates.py): a CA, a server certificate for 127.0.0.1 and a
 * client certificate, both signed by it.
 */
export function writeTestPki(): { path: (name: string) => string; clientTls: TlsOptions } {
  const dir = tempDir();
  const python = join(dirname(serverBin), "python");
  const script = "import pathlib, sys; from tests.certificates import write_test_pki; write_test_pki(pathlib.Path(sys.argv[1]))";
  execFileSync(python, ["-c", script, dir], { cwd: repoRoot, stdio: "pipe" });
  const path = (name: string) => join(dir, name);
  const clientTls = {
    ca: readFileSync(path("ca.pem")),
    cert: readFileSync(path("client.pem")),
    key: readFileSync(path("client-key.pem")),
  };
  return { path, clientTls };
}

/** Writes a tokens file (`TOKEN NAME ROLE` lines) for the server. */
export function writeTokens(tokens: Record<string, string>): string {
  const file = join(tempDir(), "tokens");
  const lines = Object.entries(tokens).map(([role, token]) => `${token} tester-${role} ${role}\n`);
  writeFileSync(file, lines.join(""), { mode: 0o600 });
  return file;
}
