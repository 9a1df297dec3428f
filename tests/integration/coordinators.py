"""Coordinators racing to assign tasks with conditional appends (issue 14),
for the SQLite test and the two-replica PostgreSQL test."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from spark_grpc.client import SparkClient, SparkRpcError

ASSIGNED = {"event_type": "task_assigned"}


def race_to_assign(addresses: list[str], tasks: int, writers: int) -> dict[str, list]:
    """`writers` coordinators (spread over the addresses) each try to assign
    every task, in their own random order, with a condition; returns the
    refusals' conflicting sequences by task."""
    losses: dict[str, list[int]] = {f"t{n}": [] for n in range(tasks)}
    lock = threading.Lock()

    def coordinator(number: int) -> None:
        order = list(losses)
        random.Random(number).shuffle(order)
        with SparkClient(addresses[number % len(addresses)], timeout=30) as client:
            for task in order:
                try:
                    client.record_event(
                        "task_assigned",
                        agent_id=f"c{number}",
                        task_id=task,
                        condition={**ASSIGNED, "task_id": task},
                    )
                except SparkRpcError as error:
                    assert error.code == grpc.StatusCode.FAILED_PRECONDITION, error
                    with lock:
                        losses[task].append(int(error.metadata["conflicting_sequence"]))

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(coordinator, range(writers)))
    return losses


def assert_one_winner_per_task(client: SparkClient, losses: dict[str, list], writers: int):
    for task, conflicts in losses.items():
        assigned = client.list_events(event_type="task_assigned", task_id=task, limit=100)
        assert len(assigned) == 1, (task, assigned)
        assert len(conflicts) == writers - 1
        assert set(conflicts) == {assigned[0].sequence}
