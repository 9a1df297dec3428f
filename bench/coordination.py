"""Coordination: what a condition costs an append. RecordEvent with an
AppendCondition that holds (a fresh task id each time, as a coordinator
assigning new tasks sends) beside the same RecordEvent without one, on one
server per store, alternating call by call so that both see the same
machine; the figure is each kind's median call latency, and their ratio."""

from __future__ import annotations

import statistics
import time
from contextlib import AsyncExitStack

from bench.context import Workspace, scenario
from bench.server import connected
from bench.stats import ScenarioResult, Target
from spark_grpc.gen.spark.v1 import spark_pb2

CALLS_PER_RUN = {True: 200, False: 1_000}  # quick, full


def _requests(run: int, count: int, conditional: bool) -> list[spark_pb2.RecordEventRequest]:
    kind = "cond" if conditional else "plain"
    requests = []
    for n in range(count):
        task = f"{kind}-{run}-{n}"
        request = spark_pb2.RecordEventRequest(
            event_type="task_assigned", agent_id=f"agent-{n % 16}", task_id=task
        )
        if conditional:
            request.condition.CopyFrom(
                spark_pb2.AppendCondition(event_type="task_assigned", task_id=task)
            )
        requests.append(request)
    return requests


async def _coordination(ws: Workspace, result: ScenarioResult) -> None:
    stores = ws.stores
    quick = ws.scale.runs < 5
    calls = CALLS_PER_RUN[quick]
    plain = result.per_store("plain", "RecordEvent, p50 latency", "ms", stores)
    conditional = result.per_store("conditional", "  with a condition, p50", "ms", stores)
    ratio = result.per_store("ratio", "conditional / plain", "x", stores, Target("<", 1.25))
    async with AsyncExitStack() as stack:
        servers = {
            store: await stack.enter_async_context(
                connected(ws.database(store, "coordination"), "--no-auto-consolidate")
            )
            for store in stores
        }
        for run in range(ws.scale.runs + 1):  # the first run warms up
            for store, running in servers.items():
                timings: dict[bool, list[float]] = {True: [], False: []}
                pairs = zip(_requests(run, calls, False), _requests(run, calls, True), strict=True)
                for without, with_condition in pairs:
                    for is_conditional, request in ((False, without), (True, with_condition)):
                        started = time.perf_counter()
                        await running.stub.RecordEvent(request)
                        timings[is_conditional].append(time.perf_counter() - started)
                if run == 0:
                    continue
                plain_ms = statistics.median(timings[False]) * 1000
                conditional_ms = statistics.median(timings[True]) * 1000
                plain[store].add(plain_ms)
                conditional[store].add(conditional_ms)
                ratio[store].add(conditional_ms / plain_ms)
    result.notes.append(
        f"{calls:,} calls of each kind per run, one in flight, alternating; the server runs"
        " with --no-auto-consolidate so that rule runs do not land on one kind only"
    )


coordination = scenario("coordination", "Conditional appends (issue 14)", _coordination)
