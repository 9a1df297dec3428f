"""SIGTERM under load, and many writers with followers at once."""

from __future__ import annotations

import re
import threading
import time

import grpc

from tests.integration.follower import Follower
from tests.reliability.load import Target, Writer, check_acknowledged, integrity, read_all_events
from tests.support import ServerProcess


def _wait_for(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_sigterm_under_load_keeps_every_acknowledged_event(tmp_path):
    db = tmp_path / "spark.db"
    target = Target()
    stop = threading.Event()
    server = ServerProcess(db, "--no-auto-consolidate")
    with server:
        target.up(server.address)
        followers = [Follower(server.address) for _ in range(3)]
        for follower in followers:
            assert follower.history() == []
        writers = [Writer(f"w{n}", target, stop, on_error="stop") for n in range(8)]
        for writer in writers:
            writer.start()
        _wait_for(lambda: sum(len(w.acknowledged) for w in writers) >= 300, 30)
        assert server.terminate() == 0  # while every writer is mid-stream
        for writer in writers:
            writer.join(15)
            assert not writer.is_alive() and not writer.unexpected, writer.unexpected
        ends = []
        for follower in followers:
            events, code = follower.finish(timeout=15)
            follower.close()
            # A clean end: UNAVAILABLE with the cursor to resume from.
            assert code == grpc.StatusCode.UNAVAILABLE, (code, follower.details)
            match = re.search(r"after_sequence=(\d+)", follower.details)
            assert match, follower.details
            sequences = [e.sequence for e in events]
            assert sequences == list(range(1, len(sequences) + 1))
            assert int(match.group(1)) == (sequences[-1] if sequences else 0)
            ends.append(int(match.group(1)))
    assert any("stopped" in line for line in server.log)
    integrity(db)

    with ServerProcess(db, "--no-auto-consolidate") as again:
        events = read_all_events(again.address)
        check_acknowledged(events, writers)
        # Each follower resumes where it was told and misses nothing.
        for end in ends:
            with Follower(again.address, after_sequence=end) as resumed:
                rest = resumed.history()
            assert [e.sequence for e in rest] == [e.sequence for e in events if e.sequence > end]
        assert again.terminate() == 0


def test_16_writers_and_4_followers(tmp_path):
    """No `database is locked` (any error fails the writer), and every
    follower sees every event exactly once, in sequence order."""
    target = Target()
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        target.up(server.address)
        followers = [Follower(server.address) for _ in range(4)]
        for follower in followers:
            assert follower.history() == []
        writers = [
            Writer(f"w{n}", target, threading.Event(), limit=30, on_error="strict", timeout=20)
            for n in range(16)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(60)
            assert not writer.is_alive()
            assert not writer.unexpected, f"{writer.name}: {writer.unexpected}"
        acknowledged = {i for w in writers for i in w.acknowledged}
        assert len(acknowledged) == 16 * (15 * 1 + 15 * 3)
        for follower in followers:
            events = follower.take(len(acknowledged), timeout=30)
            assert [e.sequence for e in events] == list(range(1, len(acknowledged) + 1))
            assert {e.id for e in events} == acknowledged
            follower.close()
        check_acknowledged(read_all_events(server.address), writers)
        assert server.terminate() == 0
    assert not any("locked" in line or "busy" in line for line in server.log)
