"""Record events, list them, count them and follow the log with the blocking
client. Run a server first (`make run`), then:

    .venv/bin/python examples/quickstart.py [HOST:PORT]
"""

from __future__ import annotations

import os
import sys

from spark_grpc.client import CountTarget, MemoryChangeKind, SparkClient, SparkRpcError


def main(address: str) -> None:
    with SparkClient(address) as spark:
        spark.record_event("task_posted", "Build the parser", agent_id="a1", task_id="t1")
        spark.record_event(
            "bid_submitted", "bid", agent_id="a2", task_id="t1", data={"bid_sats": 90}
        )
        for event in spark.list_events(task_id="t1", order="oldest", limit=10):
            print(event.sequence, event.event_type, event.importance)
        print("events:", spark.count("events"), "memories:", spark.count(CountTarget.MEMORIES))

        try:
            spark.record_event("", "no type")
        except SparkRpcError as error:
            print(error.code.name, error.field)  # INVALID_ARGUMENT event_type

        # Follow the log: history first, then live events, until cancelled.
        with spark.follow_events(task_id="t1", on_caught_up=lambda: print("caught up")) as stream:
            for event in stream:
                print("followed:", event.event_type)
                if event.event_type == "bid_submitted":
                    break

        # Memory changes arrive with their kind.
        with spark.watch_memories(subject="a1", include_existing=True) as changes:
            for change in changes:
                if change.caught_up:
                    break
                if change.kind is MemoryChangeKind.EXISTING and change.memory is not None:
                    print("memory:", change.memory.content)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SPARK_GRPC_ADDR", "127.0.0.1:50051"))
