"""examples/coordinator/coordinator.py, run as users run it: two coordinators as real
processes race over the same posted tasks; each task is assigned once, and a
coordinator restarted under the same name carries on after its last task."""

from __future__ import annotations

import subprocess
import sys

import pytest

from spark_grpc.client import SparkClient
from tests.support import REPO

EXAMPLE = REPO / "examples" / "coordinator" / "coordinator.py"


def _coordinator(address: str, name: str, agent: str, limit: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLE),
            "--addr",
            address,
            "--name",
            name,
            "--agent",
            agent,
            "--limit",
            str(limit),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


@pytest.mark.sqlite_only
def test_two_coordinators_assign_every_task_once(client: SparkClient, server):
    client.record_events([{"event_type": "task_posted", "task_id": f"t{n}"} for n in range(20)])
    racers = [_coordinator(server.address, f"c{n}", f"agent-{n}", 20) for n in range(2)]
    outputs = [racer.communicate(timeout=60) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], outputs
    assigned = client.list_events(event_type="task_assigned", limit=1000)
    assert sorted(e.task_id for e in assigned) == sorted(f"t{n}" for n in range(20))
    lines = "".join(out for out, _ in outputs).splitlines()
    assert sum("assigned" in line for line in lines) == 20
    assert sum("already taken" in line for line in lines) == 20
    # Each asked for a 21st task (the limit ended its stream): all 20 were
    # handled, and acknowledged.
    assert {c.name: c.lag for c in client.list_consumers()} == {"c0": 0, "c1": 0}
    client.record_event("task_posted", task_id="t20")
    again = _coordinator(server.address, "c0", "agent-0", 1)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert out == "c0: assigned t20 to agent-0\n"
