"""Hostile bytes (issue 11, point 6): deeply nested data is INVALID_ARGUMENT
naming ``data``; a request frame that does not parse is INVALID_ARGUMENT
without a traceback in the log; a call without a valid token is denied
before its body is parsed."""

from __future__ import annotations

import grpc
import pytest

from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.reliability.rpcs import bearer
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import ServerProcess

pb = spark_pb2
# Not a protobuf message: field 1, wire type 7 (no such type).
GARBAGE = b"\x0f\xff\xff\xff\xff"


def _raw(channel: grpc.Channel, method: str) -> grpc.UnaryUnaryMultiCallable:
    return channel.unary_unary(
        f"/spark.v1.SparkService/{method}",
        request_serializer=lambda raw: raw,
        response_deserializer=lambda raw: raw,
    )


@pytest.mark.parametrize("with_id", [False, True], ids=["no-id", "client-id"])
def test_deeply_nested_data_is_invalid_argument(tmp_path, with_id):
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            for depth in (65, 900, 5000):
                request = pb.RecordEventRequest(
                    event_type="bid", data='{"a":' * depth + "1" + "}" * depth
                )
                if with_id:
                    request.id = f"deep-{depth}"
                with pytest.raises(grpc.RpcError) as caught:
                    stub.RecordEvent(request, timeout=10)
                assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, depth
                assert "data" in caught.value.details()
            # 64 deep is allowed.
            ok = pb.RecordEventRequest(event_type="bid", data='{"a":' * 64 + "1" + "}" * 64)
            stub.RecordEvent(ok, timeout=10)
        assert server.terminate() == 0
    assert not any("Traceback" in line for line in server.log)


@pytest.mark.parametrize("method", ["RecordEvent", "ListMemories", "Count"])
def test_an_unparsable_frame_is_invalid_argument_without_a_traceback(tmp_path, method):
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            with pytest.raises(grpc.RpcError) as caught:
                _raw(channel, method)(GARBAGE, timeout=10)
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert "does not parse" in caught.value.details()
            # Streams too.
            stream = channel.unary_stream(
                "/spark.v1.SparkService/ListEvents",
                request_serializer=lambda raw: raw,
                response_deserializer=lambda raw: raw,
            )
            with pytest.raises(grpc.RpcError) as caught:
                list(stream(GARBAGE, timeout=10))
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert server.terminate() == 0
    assert not any("Traceback" in line for line in server.log), "".join(server.log)


def test_a_call_without_a_valid_token_is_denied_before_its_body_is_parsed(tmp_path):
    tokens = write_tokens(tmp_path / "tokens")
    with ServerProcess(
        tmp_path / "spark.db", "--no-auto-consolidate", "--tokens-file", tokens
    ) as server:
        with grpc.insecure_channel(server.address) as channel:
            for metadata in (None, bearer("not-a-known-token-0123456789")):
                with pytest.raises(grpc.RpcError) as caught:
                    _raw(channel, "RecordEvent")(GARBAGE, metadata=metadata, timeout=10)
                # Parsing first would have failed on the body.
                assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
            # With a token the same body is INVALID_ARGUMENT.
            with pytest.raises(grpc.RpcError) as caught:
                _raw(channel, "RecordEvent")(
                    GARBAGE, metadata=bearer(TOKENS[max(TOKENS)]), timeout=10
                )
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert server.terminate() == 0
    assert not any("Traceback" in line for line in server.log), "".join(server.log)
