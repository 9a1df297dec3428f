"""Acknowledgeable batches (issue 11, point 5): whatever RecordEvents
accepts, a client with gRPC's default 4 MiB receive limit can receive the
answer, and a retry with the same ids is acknowledged the same way."""

from __future__ import annotations

import grpc

from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.support import ServerProcess

pb = spark_pb2


def _batch(prefix: str, count: int = 5000, size: int = 1000) -> pb.RecordEventsRequest:
    return pb.RecordEventsRequest(
        events=[
            pb.RecordEventRequest(
                id=f"{prefix}-{i}", event_type="bid", description="x" * size, agent_id="a"
            )
            for i in range(count)
        ]
    )


def test_a_batch_over_4_mib_of_echo_is_acknowledged_to_a_default_client(tmp_path):
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        # A default channel: 4 MiB receive limit.
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            request = _batch("big")
            assert request.ByteSize() > 5_000_000
            first = stub.RecordEvents(request, timeout=60)
            assert [a.id for a in first.acks] == [f"big-{i}" for i in range(5000)]
            assert not any(a.duplicate for a in first.acks)
            assert [a.sequence for a in first.acks] == list(range(1, 5001))
            assert not first.events  # the echo would not fit: left out (BATCH_ECHO_AUTO)
            # The retry is acknowledged too, each a duplicate.
            again = stub.RecordEvents(request, timeout=60)
            assert all(a.duplicate for a in again.acks)
            assert [a.sequence for a in again.acks] == [a.sequence for a in first.acks]
            # A batch whose echo fits keeps it, as before.
            small = stub.RecordEvents(_batch("small", count=10), timeout=10)
            assert [e.id for e in small.events] == [a.id for a in small.acks]
            assert small.acks[0].importance == small.events[0].importance
            assert small.acks[0].created_at == small.events[0].created_at
            none = stub.RecordEvents(
                pb.RecordEventsRequest(
                    events=_batch("none", count=3).events, echo=pb.BATCH_ECHO_NONE
                ),
                timeout=10,
            )
            assert len(none.acks) == 3 and not none.events
        # FULL keeps the whole echo, for clients that raised their limit.
        options = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]
        with grpc.insecure_channel(server.address, options=options) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            request = _batch("big")
            request.echo = pb.BATCH_ECHO_FULL
            full = stub.RecordEvents(request, timeout=60)
            assert len(full.events) == 5000
        assert server.terminate() == 0
