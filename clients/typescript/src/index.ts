// @spark-memory/client: the TypeScript client of Spark Memory (spark.v1).
export * from "./client.js";
export * from "./gen/spark/v1/spark_pb.js";
export { Code, ConnectError } from "@connectrpc/connect";
