"""Contract driver for the Python client (spark_grpc.client.SparkClient).

Usage: driver.py HOST:PORT. Reads one step a line on stdin as JSON, runs it
through SparkClient and writes one answer a line on stdout as JSON:
{"response": ...} in proto3 JSON, {"error": {"code": N, "message": ...}} for a
gRPC error, or {"driver_error": ...} when the step itself makes no sense.
tests/contract/README.md describes the steps. A token and TLS come from the
environment, as for the spark-grpc client commands: SPARK_TOKEN,
SPARK_GRPC_TLS_CA, SPARK_GRPC_TLS_CERT, SPARK_GRPC_TLS_KEY (PEM files).
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message

from spark_grpc.client import MemoryChange, SparkClient, SparkError
from spark_grpc.client.channel import environment_settings
from spark_grpc.gen.spark.v1 import spark_pb2 as pb


def kwargs(message: Message, *required: str) -> dict[str, Any]:
    """SparkClient's keyword arguments for a request: the fields that are set
    (and the required ones even when empty), nested messages as dicts."""
    args: dict[str, Any] = {name: getattr(message, name) for name in required}
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE and not isinstance(value, Message):
            # A batch's items (their own conditions stay messages).
            value = [kwargs(item, "event_type") for item in value]
        args[field.name] = value
    return args


def client_settings() -> dict[str, Any]:
    """SparkClient's token and TLS settings from the environment."""
    return environment_settings()


def to_json(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


# rpc name -> (request type, call through the client returning the response message)
CALLS: dict[str, tuple[type[Message], Callable[[SparkClient, Message], Message]]] = {
    "RecordEvent": (
        pb.RecordEventRequest,
        lambda c, r: c.record_event(**kwargs(r, "event_type")),
    ),
    "RecordEvents": (
        pb.RecordEventsRequest,
        lambda c, r: pb.RecordEventsResponse(
            events=c.record_events(
                kwargs(r).get("events", []),
                condition=r.condition if r.HasField("condition") else None,
            )
        ),
    ),
    "ListEvents": (
        pb.ListEventsRequest,
        lambda c, r: pb.ListEventsResponse(events=c.list_events(**kwargs(r))),
    ),
    "StoreMemory": (
        pb.StoreMemoryRequest,
        lambda c, r: c.store_memory(**kwargs(r, "memory_type", "content")),
    ),
    "ListMemories": (
        pb.ListMemoriesRequest,
        lambda c, r: pb.ListMemoriesResponse(memories=c.list_memories(**kwargs(r))),
    ),
    "Count": (
        pb.CountRequest,
        lambda c, r: pb.CountResponse(count=c.count(**kwargs(r, "target"))),
    ),
    "Consolidate": (pb.ConsolidateRequest, lambda c, r: c.consolidate(**kwargs(r))),
    "UpdateMemory": (
        pb.UpdateMemoryRequest,
        lambda c, r: pb.UpdateMemoryResponse(memory=c.update_memory(**kwargs(r, "id"))),
    ),
    "DeleteMemory": (
        pb.DeleteMemoryRequest,
        lambda c, r: pb.DeleteMemoryResponse(memory=c.delete_memory(**kwargs(r, "id"))),
    ),
    "AckEvents": (
        pb.AckEventsRequest,
        lambda c, r: pb.AckEventsResponse(consumer=c.ack_events(r.consumer, r.sequence)),
    ),
    "GetConsumer": (pb.GetConsumerRequest, lambda c, r: c.get_consumer(r.name)),
    "ListConsumers": (
        pb.ListConsumersRequest,
        lambda c, r: pb.ListConsumersResponse(consumers=c.list_consumers()),
    ),
    "DeleteConsumer": (
        pb.DeleteConsumerRequest,
        lambda c, r: pb.DeleteConsumerResponse(consumer=c.delete_consumer(r.name)),
    ),
}


class Stream:
    """An open ListEvents or WatchMemories stream, read by a thread into a
    queue of ("item", json) / ("caught_up",) / ("end",) / ("error", e)."""

    def __init__(self, address: str, rpc: str, request: dict[str, Any]) -> None:
        # Each stream has its own client, so that closing it cancels the call.
        self.client = SparkClient(address, **client_settings())
        self.queue: queue.Queue[tuple] = queue.Queue()
        if rpc == "ListEvents":
            messages = self._events(json_format.ParseDict(request, pb.ListEventsRequest()))
        elif rpc == "WatchMemories":
            message = json_format.ParseDict(request, pb.WatchMemoriesRequest())
            messages = self._changes(self.client.watch_memories(**kwargs(message)))
        else:
            raise ValueError(f"cannot open a stream of {rpc}")
        threading.Thread(target=self._read, args=(messages,), daemon=True).start()

    def _events(self, request: pb.ListEventsRequest) -> Iterator[tuple]:
        for message in self.client.list_events_stream(request):
            for event in message.events:
                yield ("item", to_json(event))
            if message.caught_up:
                yield ("caught_up",)

    @staticmethod
    def _changes(changes: Iterator[MemoryChange]) -> Iterator[tuple]:
        for change in changes:
            if change.memory is not None:
                yield ("item", to_json(change.message))
            if change.caught_up:
                yield ("caught_up",)

    def _read(self, messages: Iterator[tuple]) -> None:
        try:
            for entry in messages:
                self.queue.put(entry)
            self.queue.put(("end",))
        except SparkError as error:
            self.queue.put(("error", error))
        except Exception as error:  # noqa: BLE001 (closing the client mid-read)
            self.queue.put(("error", error))

    def read(self, *, count: int | None, until: str, timeout_ms: int) -> dict[str, Any]:
        """Items until `count` of them, or the `until` marker ("caught_up" or
        "end"), the end of the stream, or the timeout."""
        result: dict[str, Any] = {
            "items": [],
            "caught_up": False,
            "ended": False,
            "timed_out": False,
        }
        deadline = time.monotonic() + timeout_ms / 1000
        while count is None or len(result["items"]) < count:
            try:
                entry = self.queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                result["timed_out"] = True
                break
            kind = entry[0]
            if kind == "item":
                result["items"].append(entry[1])
            elif kind == "error":
                raise entry[1]
            elif kind == "end":
                result["ended"] = True
                break
            elif kind == "caught_up":
                result["caught_up"] = True
                if until == "caught_up":
                    break
        return result

    def close(self) -> None:
        self.client.close()


def run(step: dict[str, Any], client: SparkClient, streams: dict[str, Stream], address: str):
    op = step["op"]
    if op == "call":
        request_type, call = CALLS[step["rpc"]]
        return to_json(call(client, json_format.ParseDict(step["request"], request_type())))
    name = step["stream"]
    if op == "open":
        stream = streams[name] = Stream(address, step["rpc"], step["request"])
        return stream.read(count=None, until="caught_up", timeout_ms=step["timeout_ms"])
    if op == "next":
        return streams[name].read(count=step["count"], until="", timeout_ms=step["timeout_ms"])
    if op == "end":
        return streams[name].read(count=None, until="end", timeout_ms=step["timeout_ms"])
    if op == "close":
        streams.pop(name).close()
        return {}
    raise ValueError(f"unknown op {op!r}")


def main() -> None:
    address = sys.argv[1]
    streams: dict[str, Stream] = {}
    with SparkClient(address, **client_settings()) as client:
        for line in sys.stdin:
            try:
                answer = {"response": run(json.loads(line), client, streams, address)}
            except SparkError as error:
                answer = {"error": {"code": error.code.value[0], "message": error.details}}
            except Exception as error:  # noqa: BLE001 (reported to the runner)
                answer = {"driver_error": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer, ensure_ascii=False), flush=True)
        for stream in streams.values():
            stream.close()


if __name__ == "__main__":
    main()
