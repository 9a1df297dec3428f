"""``python -m bench.echo``: a grpc.aio SparkService that does no work.

RecordEvent answers a fixed event; ListEvents streams copies of one
prebuilt page. Measured with the same client as the real server, it shows
what gRPC in Python costs on its own: the ceiling of the unary and read
figures. Prints ``listening on PORT`` once it serves.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc

from bench.workload import event_fields
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

PAGE = 500


def _event(i: int) -> spark_pb2.Event:
    fields = event_fields(i)
    event = spark_pb2.Event(
        id="0b7e3a1c-1111-2222-3333-444455556666",
        event_type=fields.event_type,
        agent_id=fields.agent_id,
        task_id=fields.task_id,
        description=fields.description,
        data=fields.data,
        importance=0.5,
        sequence=i,
    )
    event.created_at.GetCurrentTime()
    return event


class EchoService(spark_pb2_grpc.SparkServiceServicer):
    def __init__(self) -> None:
        self._reply = spark_pb2.RecordEventResponse(event=_event(1))
        self._page = spark_pb2.ListEventsResponse(events=[_event(i) for i in range(PAGE)])

    async def RecordEvent(self, request, context):  # noqa: N802 (gRPC method name)
        return self._reply

    async def ListEvents(self, request, context) -> AsyncIterator:  # noqa: N802
        for _ in range(0, request.limit, PAGE):
            yield self._page


async def _serve() -> None:
    server = grpc.aio.server()
    spark_pb2_grpc.add_SparkServiceServicer_to_server(EchoService(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(f"listening on {port}", flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(_serve())
