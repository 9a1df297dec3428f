"""Crash durability: SIGKILL the server at random moments while clients
write with their own ids and retry; every acknowledged event survives
exactly once and the database stays intact.

The random moments come from a seed printed on failure; set
SPARK_CRASH_SEED to replay one.
"""

from __future__ import annotations

import os
import random
import threading
import time

from tests.reliability.load import Target, Writer, check_acknowledged, integrity, read_all_events
from tests.support import ServerProcess

KILLS = 20
WRITERS = 4


def test_sigkill_at_random_moments_loses_no_acknowledged_event(tmp_path):
    seed = int(os.environ.get("SPARK_CRASH_SEED", time.time_ns() % 2**32))
    rng = random.Random(seed)
    db = tmp_path / "spark.db"
    target = Target()
    stop = threading.Event()
    writers = [Writer(f"w{n}", target, stop) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    started = time.monotonic()
    acknowledged_at_kill: list[int] = []
    for _ in range(KILLS):
        server = ServerProcess(db, "--no-auto-consolidate")
        target.up(server.address)
        # Mostly while writes are in flight; sometimes right after start-up.
        time.sleep(rng.choice((rng.uniform(0.0, 0.05), rng.uniform(0.05, 0.5))))
        server.proc.kill()  # SIGKILL: no shutdown code runs
        target.down()
        server.proc.wait(10)
        acknowledged_at_kill.append(sum(len(w.acknowledged) for w in writers))

    with ServerProcess(db, "--no-auto-consolidate") as server:
        target.up(server.address)
        time.sleep(0.3)  # every writer finishes the request it was retrying...
        stop.set()
        for writer in writers:
            writer.join(30)
            assert not writer.is_alive()
        events = read_all_events(server.address)
        assert server.terminate() == 0
    elapsed = time.monotonic() - started

    context = f"seed={seed} elapsed={elapsed:.1f}s acknowledged at each kill={acknowledged_at_kill}"
    for writer in writers:
        assert not writer.unexpected, f"{writer.name}: {writer.unexpected} ({context})"
    # Writes were going on across the kills, and some were cut off by them.
    assert acknowledged_at_kill[-1] > KILLS, context
    assert sum(w.retries for w in writers) > 0, context
    check_acknowledged(events, writers)
    integrity(db)
