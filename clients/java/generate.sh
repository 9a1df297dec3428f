#!/usr/bin/env bash
# Regenerates clients/java/src/generated/java from protos/spark/v1/spark.proto
# (`make generate-java` at the repository root runs it).
#
# Usage: clients/java/generate.sh PROTOC PROTOC_GEN_GRPC_JAVA INCLUDE
#   PROTOC                protoc with its built-in Java generator (the Maven
#                         artifact com.google.protobuf:protoc, pinned in the
#                         Makefile to the protoc of grpcio-tools)
#   PROTOC_GEN_GRPC_JAVA  the grpc-java plugin binary (pinned in the Makefile)
#   INCLUDE               a folder with google/protobuf/timestamp.proto
#
# The proto names no Java options, and changing it would change every other
# language's generated code, so the Java options are added to a copy of it
# here (as buf's managed mode would): Java package dev.sparkmemory.spark.v1,
# one file per message. The wire format is the proto's (package spark.v1).
set -euo pipefail
protoc=$(realpath "$1")
plugin=$(realpath "$2")
include=$(realpath "$3")
cd "$(dirname "$0")/../.."
out=clients/java/src/generated/java
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/spark/v1"
awk '{ print } /^package spark\.v1;$/ {
  print ""
  print "option java_package = \"dev.sparkmemory.spark.v1\";"
  print "option java_multiple_files = true;"
  print "option java_outer_classname = \"SparkProto\";"
}' protos/spark/v1/spark.proto >"$tmp/spark/v1/spark.proto"
grep -q '^option java_package' "$tmp/spark/v1/spark.proto" || {
  echo "generate.sh: no 'package spark.v1;' line in protos/spark/v1/spark.proto" >&2
  exit 1
}
rm -rf "$out"
mkdir -p "$out"
"$protoc" -I"$tmp" -I"$include" \
  --java_out="$out" \
  --plugin=protoc-gen-grpc-java="$plugin" --grpc-java_out="$out" \
  spark/v1/spark.proto
