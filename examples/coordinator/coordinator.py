"""A swarm coordinator that assigns each posted task exactly once, however
many coordinators run at the same time (on one server or on several replicas
of a PostgreSQL store).

It follows the log as a durable consumer (its position is kept by the
server, so a restarted coordinator carries on after the last task it
handled) and assigns with a conditional append: "task_assigned for T, only
if no task_assigned for T exists yet". A coordinator that loses the race is
told so (FAILED_PRECONDITION) and moves on.

    python examples/coordinator/coordinator.py --addr 127.0.0.1:50051 --name coord-1 --agent a1
"""

from __future__ import annotations

import argparse

import grpc

from spark_grpc.client import SparkClient, SparkRpcError


def run(addr: str, name: str, agent: str, limit: int) -> int:
    """Handle ``limit`` posted tasks (0: forever); returns how many it won."""
    won = 0
    with SparkClient(addr) as spark:
        tasks = spark.follow_events(
            consumer=name, event_type="task_posted", auto_ack=True, limit=limit
        )
        with tasks:
            for posted in tasks:
                # Read, decide, append with a condition.
                try:
                    spark.record_event(
                        "task_assigned",
                        f"{agent} takes {posted.task_id}",
                        agent_id=agent,
                        task_id=posted.task_id,
                        condition={"event_type": "task_assigned", "task_id": posted.task_id},
                    )
                    won += 1
                    print(f"{name}: assigned {posted.task_id} to {agent}", flush=True)
                except SparkRpcError as error:
                    if error.code != grpc.StatusCode.FAILED_PRECONDITION:
                        raise
                    winner = error.metadata["conflicting_sequence"]
                    print(f"{name}: {posted.task_id} already taken (event {winner})", flush=True)
    return won


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addr", default="127.0.0.1:50051")
    parser.add_argument("--name", default="coordinator", help="the durable consumer's name")
    parser.add_argument("--agent", default="agent-1", help="whom this coordinator assigns to")
    parser.add_argument("--limit", type=int, default=0, help="stop after this many tasks")
    args = parser.parse_args()
    run(args.addr, args.name, args.agent, args.limit)


if __name__ == "__main__":
    main()
