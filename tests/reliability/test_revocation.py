"""A revoked token ends its open streams (issue 11, point 4): after SIGHUP
reloads a tokens file without it, its follow and watch streams end within a
second with UNAUTHENTICATED; other callers' streams go on."""

from __future__ import annotations

import signal
import threading
import time

import grpc

from spark_grpc.api.auth import Role
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.reliability.rpcs import bearer
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import ServerProcess

pb = spark_pb2


def _ending(call) -> dict:
    """Reads ``call`` on a thread; the dict gets its end code and when."""
    result: dict = {}

    def read() -> None:
        try:
            for _ in call:
                pass
            result["code"] = grpc.StatusCode.OK
        except grpc.RpcError as error:
            result["code"], result["details"] = error.code(), error.details()
        result["at"] = time.monotonic()

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    result["thread"] = thread
    return result


def test_revoked_tokens_streams_end_within_a_second(tmp_path):
    tokens = tmp_path / "tokens"
    write_tokens(tokens)
    with ServerProcess(
        tmp_path / "spark.db", "--no-auto-consolidate", "--tokens-file", str(tokens)
    ) as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            reader, admin = bearer(TOKENS[Role.READ]), bearer(TOKENS[Role.ADMIN])
            follow = stub.ListEvents(pb.ListEventsRequest(follow=True), metadata=reader)
            watch = stub.WatchMemories(pb.WatchMemoriesRequest(), metadata=reader)
            kept = stub.ListEvents(pb.ListEventsRequest(follow=True), metadata=admin)
            assert next(follow).caught_up and next(watch).caught_up and next(kept).caught_up
            ends = [_ending(follow), _ending(watch)]
            # The read token is revoked: the file keeps the others.
            kept_lines = [
                line for line in tokens.read_text().splitlines() if TOKENS[Role.READ] not in line
            ]
            tokens.write_text("\n".join(kept_lines) + "\n")
            revoked_at = time.monotonic()
            server.proc.send_signal(signal.SIGHUP)
            for end in ends:
                end["thread"].join(5)
                assert end.get("code") == grpc.StatusCode.UNAUTHENTICATED, end
                assert "revoked" in end["details"]
                assert end["at"] - revoked_at < 1.0 + 0.5  # a second, plus the signal's way
            # The admin's stream goes on.
            stub.RecordEvent(pb.RecordEventRequest(event_type="still"), metadata=admin)
            assert next(kept).events[0].event_type == "still"
            kept.cancel()
        assert server.terminate() == 0
