"""WatchMemories through the store's log of memory changes (issue 10): every
change has a sequence, a watcher resumes after the last one it saw, and the
background sweeper's deletions reach watchers like any other change. Runs on
both stores (the replica test in tests/postgres covers a watcher on another
server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from spark_grpc.client import SparkClient
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.support import start_in_process

CREATED = spark_pb2.MEMORY_CHANGE_KIND_CREATED
UPDATED = spark_pb2.MEMORY_CHANGE_KIND_UPDATED
DELETED = spark_pb2.MEMORY_CHANGE_KIND_DELETED


def test_a_watch_resumes_after_the_last_change_it_saw(client: SparkClient):
    with client.watch_memories(subject="resume") as stream:
        changes = iter(stream)
        start = next(changes)
        assert start.caught_up
        memory = client.store_memory("note", "v1", "resume").memory
        first = next(changes)
        assert (first.kind, first.memory.id) == (CREATED, memory.id)
        assert first.sequence > start.sequence
    # Changes made while no one watches...
    client.update_memory(memory.id, content="v2")
    client.store_memory("note", "elsewhere", "not-resume")
    client.update_memory(memory.id, content="v3")
    # ...come first, oldest first, then caught_up, then live changes.
    with client.watch_memories(subject="resume", after_sequence=first.sequence) as stream:
        changes = iter(stream)
        missed = [next(changes), next(changes)]
        assert [(m.kind, m.memory.content) for m in missed] == [(UPDATED, "v2"), (UPDATED, "v3")]
        assert first.sequence < missed[0].sequence < missed[1].sequence
        assert next(changes).caught_up
        client.delete_memory(memory.id)
        live = next(changes)
        assert (live.kind, live.memory.content) == (DELETED, "v3")
        assert live.sequence > missed[1].sequence


def test_a_negative_after_sequence_is_refused(client: SparkClient):
    from spark_grpc.client import SparkError

    with pytest.raises(SparkError) as refused:
        next(iter(client.watch_memories(after_sequence=-1)))
    assert refused.value.field == "after_sequence"


def test_the_sweepers_deletions_reach_watchers(spark_db):
    server = start_in_process(
        spark_db, auto_consolidate=False, sweep_interval=0.1, expired_grace_seconds=0.0
    )
    try:
        with SparkClient(server.address) as client:
            with client.watch_memories(subject="swept") as stream:
                changes = iter(stream)
                assert next(changes).caught_up
                past = datetime.now(UTC) - timedelta(seconds=1)
                memory = client.store_memory("note", "old", "swept", expires_at=past).memory
                created = next(changes)
                assert (created.kind, created.memory.id) == (CREATED, memory.id)
                # No client call deletes it: the sweep does, within ~0.1 s.
                deleted = next(changes)
                assert (deleted.kind, deleted.memory.id) == (DELETED, memory.id)
                assert deleted.memory.content == "old"
                assert deleted.sequence > created.sequence
            assert client.count("COUNT_TARGET_MEMORIES", include_expired=True) == 0
    finally:
        server.stop()


def test_a_watcher_behind_a_deletion_still_sees_every_change_in_order(client: SparkClient):
    """A deleted memory's earlier changes stay in the log (without their copy
    of the content, which the deletion keeps), so a watcher that reads them
    after the deletion misses none of them."""
    marker = client.store_memory("note", "marker", "behind").memory
    with client.watch_memories(subject="behind", include_existing=True) as stream:
        changes = iter(stream)
        assert next(changes).memory.id == marker.id
        start = next(changes)
        assert start.caught_up
    memory = client.store_memory("note", "v1", "behind").memory
    client.update_memory(memory.id, content="v2")
    client.delete_memory(memory.id)
    with client.watch_memories(subject="behind", after_sequence=start.sequence) as stream:
        changes = iter(stream)
        seen = [next(changes) for _ in range(3)]
        assert next(changes).caught_up
    assert [(m.kind, m.memory.id, m.memory.content) for m in seen] == [
        (CREATED, memory.id, ""),
        (UPDATED, memory.id, ""),
        (DELETED, memory.id, "v2"),
    ]
